// The find bar over a terminal: incremental search of the scrollback, next and previous, match count in words.
import { useEffect, useRef, useState } from 'react';
import type { ISearchOptions } from '@xterm/addon-search';
import type { TerminalSession } from './terminalSession.js';

export interface FindBarProps {
  session: TerminalSession;
  /** Bumped each time the find shortcut is pressed while the bar is already open: focus the field again. */
  focusKey: number;
  onClose: () => void;
}

function countWords(term: string, result: { index: number; count: number } | undefined): string {
  if (term === '' || !result) return '';
  if (result.count === 0) return 'No matches';
  if (result.index < 0) return `${result.count} matches`;
  return `${result.index + 1} of ${result.count}`;
}

export function FindBar({ session, focusKey, onClose }: FindBarProps) {
  const inputRef = useRef<HTMLInputElement>(null);
  const [term, setTerm] = useState('');
  const [caseSensitive, setCaseSensitive] = useState(false);
  const [result, setResult] = useState<{ index: number; count: number }>();

  useEffect(() => {
    const sub = session.search.onDidChangeResults((r) => setResult({ index: r.resultIndex, count: r.resultCount }));
    return () => sub.dispose();
  }, [session]);

  useEffect(() => {
    inputRef.current?.focus();
    inputRef.current?.select();
  }, [focusKey]);

  // Decorations are what make the addon count matches; the colours follow the theme.
  const options = (incremental: boolean): ISearchOptions => ({
    caseSensitive,
    incremental,
    ...(session.colours ? { decorations: session.colours.search } : {}),
  });

  const find = (direction: 'next' | 'previous', value = term, incremental = false): void => {
    if (value === '') {
      session.search.clearDecorations();
      setResult(undefined);
      return;
    }
    if (direction === 'next') session.search.findNext(value, options(incremental));
    else session.search.findPrevious(value, options(incremental));
  };

  const close = (): void => {
    session.search.clearDecorations();
    onClose();
    session.focus();
  };

  return (
    <div className="find-bar" role="search" aria-label="Find in terminal">
      <input
        ref={inputRef}
        type="search"
        aria-label="Find in terminal"
        placeholder="Find"
        value={term}
        onChange={(event) => {
          setTerm(event.target.value);
          find('next', event.target.value, true);
        }}
        onKeyDown={(event) => {
          if (event.key === 'Enter') {
            event.preventDefault();
            find(event.shiftKey ? 'previous' : 'next');
          } else if (event.key === 'Escape') {
            event.preventDefault();
            close();
          }
        }}
      />
      <span className="find-count muted" aria-live="polite">
        {countWords(term, result)}
      </span>
      <button
        type="button"
        aria-pressed={caseSensitive}
        aria-label="Match case"
        title="Match case"
        onClick={() => setCaseSensitive((c) => !c)}
      >
        Aa
      </button>
      <button type="button" aria-label="Previous match" title="Previous match (Shift+Enter)" onClick={() => find('previous')}>
        ↑
      </button>
      <button type="button" aria-label="Next match" title="Next match (Enter)" onClick={() => find('next')}>
        ↓
      </button>
      <button type="button" aria-label="Close find" title="Close (Escape)" onClick={close}>
        ✕
      </button>
    </div>
  );
}
