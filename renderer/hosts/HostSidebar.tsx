// The sidebar of saved hosts: search, the list, add/edit/delete, ~/.ssh/config import and stored host problems.
import { useEffect, useId, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import type { PoolSnapshot } from '../../app/health.js';
import { formatHostPort, type SavedHostView } from '../../app/hosts.js';
import { skeinErrorFromShape } from '../../app/skeinError.js';
import { useSkeinApi } from '../app/skeinApiContext.js';
import { DeleteHostDialog } from './DeleteHostDialog.js';
import { ErrorNotice } from '../errors/ErrorNotice.js';
import { filterHosts, indexHostsForSearch } from './filterHosts.js';
import { compareHostsForList, flattenHostRows } from './flattenHostRows.js';
import { HostForm } from './HostForm.js';
import { HostList } from './HostList.js';
import { HostProblemsDialog } from './HostProblemsDialog.js';
import type { HostMenuCommand } from './HostRowMenu.js';
import { ImportSshConfigDialog } from './ImportSshConfigDialog.js';
import { liveMarksByKey } from './liveMarksByKey.js';
import type { SavedHosts } from './useSavedHosts.js';
import './hosts.css';

/** Opens a terminal tab on a host; newConnection: on a connection of its own instead of a shared one. */
export type OpenHost = (hostId: string, options?: { newConnection?: boolean }) => void;

const NOTICE_MS = 8000;

/** busy: under way (stays until it ends); done: fades after NOTICE_MS; bad: a failure, stays. */
type NoticeTone = 'busy' | 'done' | 'bad';

type Dialog =
  | { type: 'add' }
  | { type: 'edit'; host: SavedHostView }
  | { type: 'delete'; host: SavedHostView }
  | { type: 'import' }
  | { type: 'problems' };

export interface HostSidebarProps {
  savedHosts: SavedHosts;
  onOpen: OpenHost;
}

export function HostSidebar({ savedHosts, onOpen }: HostSidebarProps) {
  const api = useSkeinApi();
  const { hosts, problems, loadError, refresh } = savedHosts;
  const [query, setQuery] = useState('');
  const [collapsed, setCollapsed] = useState<ReadonlySet<string>>(new Set());
  const [activeKey, setActiveKey] = useState<string | null>(null);
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const [notice, setNotice] = useState<{ text: string; tone: NoticeTone } | null>(null);
  const [snapshot, setSnapshot] = useState<PoolSnapshot | null>(null);
  const treeRef = useRef<HTMLDivElement>(null);
  const helpId = useId();
  const searchId = useId();

  useEffect(() => {
    let live = true;
    api.poolSnapshot().then(
      (s) => live && setSnapshot(s),
      () => undefined, // The first pushed snapshot fills in; the list works without marks meanwhile.
    );
    const off = api.onPoolSnapshot(setSnapshot);
    return () => {
      live = false;
      off();
    };
  }, [api]);

  const sorted = useMemo(() => [...(hosts ?? [])].sort(compareHostsForList), [hosts]);
  const index = useMemo(() => indexHostsForSearch(sorted), [sorted]);
  // Filtered in the same render as the keystroke: over 2,000 hosts that takes 0.1-0.2 ms and the list
  // draws only the rows on screen, so deferring it bought nothing but a frame of lag.
  const matched = useMemo(() => filterHosts(index, query), [index, query]);
  const searching = query.trim() !== '';
  const rows = useMemo(() => flattenHostRows(matched, { collapsed, expandAll: searching }), [matched, collapsed, searching]);
  const marks = useMemo(() => liveMarksByKey(snapshot), [snapshot]);
  const groups = useMemo(() => [...new Set(sorted.flatMap((h) => (h.group ? [h.group] : [])))], [sorted]);

  // News of an action fades after a while; a failure stays until the next action replaces it.
  const noticeTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const say = (text: string, tone: NoticeTone = 'done'): void => {
    clearTimeout(noticeTimer.current);
    setNotice({ text, tone });
    if (tone === 'done') noticeTimer.current = setTimeout(() => setNotice(null), NOTICE_MS);
  };
  useEffect(() => () => clearTimeout(noticeTimer.current), []);

  const toggleGroup = (group: string): void => {
    setCollapsed((prev) => {
      const next = new Set(prev);
      if (!next.delete(group)) next.add(group);
      return next;
    });
  };

  const connectAhead = async (host: SavedHostView): Promise<void> => {
    say(`Connecting to “${host.label}” ahead of need…`, 'busy');
    try {
      await api.connectHost(host.id);
      say(`“${host.label}” is connected: its next tab opens without logging in again.`);
    } catch (error) {
      const e = skeinErrorFromShape(error);
      say(`Could not connect to “${host.label}”: ${e.message}${e.hint ? ` ${e.hint}` : ''}`, 'bad');
    }
  };

  // Forwards listen without a tab; the health view then lists them with Stop.
  const startForwards = async (host: SavedHostView): Promise<void> => {
    say(`Starting the port forwards of “${host.label}”…`, 'busy');
    const results = await Promise.allSettled(host.localForwards.map((f) => api.startForward(host.id, f.id)));
    const failed = results.flatMap((r) => (r.status === 'rejected' ? [skeinErrorFromShape(r.reason)] : []));
    const listening = results.flatMap((r) => (r.status === 'fulfilled' ? [formatHostPort(r.value.bindAddress, r.value.bindPort)] : []));
    if (failed.length === 0) say(`“${host.label}” forwards listen on ${listening.join(', ')}.`);
    else say(failed.map((e) => `${e.message}${e.hint ? ` ${e.hint}` : ''}`).join(' '), 'bad');
  };

  const onCommand = (command: HostMenuCommand, host: SavedHostView): void => {
    switch (command) {
      case 'open':
        onOpen(host.id);
        break;
      case 'open-new-connection':
        onOpen(host.id, { newConnection: true });
        break;
      case 'connect-ahead':
        void connectAhead(host);
        break;
      case 'start-forwards':
        void startForwards(host);
        break;
      case 'edit':
        setDialog({ type: 'edit', host });
        break;
      case 'delete':
        setDialog({ type: 'delete', host });
        break;
    }
  };

  const onSearchKeyDown = (event: KeyboardEvent<HTMLInputElement>): void => {
    if (event.key === 'ArrowDown' && rows.length > 0) {
      event.preventDefault();
      const first = rows.find((r) => r.kind === 'host') ?? rows[0];
      if (first) setActiveKey(first.key);
      treeRef.current?.focus();
    } else if (event.key === 'Enter') {
      // What was typed decides, even if the list has not caught up with the last keystroke yet.
      const first = query.trim() === '' ? rows.find((r) => r.kind === 'host')?.host : filterHosts(index, query)[0];
      if (first) {
        event.preventDefault();
        onOpen(first.id);
      }
    } else if (event.key === 'Escape' && query !== '') {
      event.preventDefault();
      setQuery('');
    }
  };

  const total = hosts?.length ?? 0;
  const countText = searching ? `${matched.length} of ${total} hosts match` : `${total} ${total === 1 ? 'host' : 'hosts'}`;

  return (
    <div className="hosts">
      <div className="hosts-header">
        <h2 className="hosts-title">Hosts</h2>
        <button type="button" onClick={() => setDialog({ type: 'add' })} title="Add a saved host">
          Add host
        </button>
        <button
          type="button"
          onClick={() => setDialog({ type: 'import' })}
          aria-label="Import hosts from ~/.ssh/config"
          title="Import hosts from ~/.ssh/config"
        >
          Import
        </button>
      </div>
      <div className="hosts-search">
        <label htmlFor={searchId} className="visually-hidden">
          Search hosts
        </label>
        <input
          id={searchId}
          type="search"
          placeholder="Search label, host, user, group, tag"
          value={query}
          onChange={(e) => setQuery(e.target.value)}
          onKeyDown={onSearchKeyDown}
          autoComplete="off"
          spellCheck={false}
        />
      </div>
      {problems.length > 0 ? (
        <button type="button" className="hosts-problems" onClick={() => setDialog({ type: 'problems' })}>
          <span aria-hidden="true">⚠ </span>
          {problems.length === 1 ? "1 saved host can't be loaded" : `${problems.length} saved hosts can't be loaded`}
        </button>
      ) : null}
      <p className="hosts-count" aria-live="polite">
        {hosts ? countText : ''}
      </p>
      <p className={`hosts-notice${notice?.tone === 'bad' ? ' bad' : ''}`} role="status">
        {notice?.text}
      </p>
      <p id={helpId} className="visually-hidden">
        Up and down move through the hosts, Enter opens a tab, left and right fold groups, Shift+F10 opens the host's menu, F2 edits, Delete deletes.
      </p>
      {loadError ? (
        <div className="hosts-empty">
          <ErrorNotice error={loadError} />
          <button type="button" onClick={() => void refresh()}>
            Try again
          </button>
        </div>
      ) : hosts === null ? (
        <p className="hosts-empty muted">Loading saved hosts…</p>
      ) : total === 0 ? (
        <div className="hosts-empty">
          <p>No saved hosts yet.</p>
          <p className="muted">Add one, import your ~/.ssh/config, or type user@host in Quick connect.</p>
        </div>
      ) : rows.length === 0 ? (
        <p className="hosts-empty muted">No host matches “{query.trim()}”.</p>
      ) : null}
      {hosts && total > 0 ? (
        <HostList
          rows={rows}
          activeKey={activeKey}
          onActiveKeyChange={setActiveKey}
          onToggleGroup={toggleGroup}
          onCommand={onCommand}
          marks={marks}
          treeRef={treeRef}
          describedBy={helpId}
        />
      ) : null}

      {dialog?.type === 'add' || dialog?.type === 'edit' ? (
        <HostForm
          host={dialog.type === 'edit' ? dialog.host : undefined}
          hosts={sorted}
          groups={groups}
          onCancel={() => setDialog(null)}
          onSaved={(saved) => {
            setDialog(null);
            say(dialog.type === 'add' ? `Saved “${saved.label}”.` : `Updated “${saved.label}”.`);
            setActiveKey(`h:${saved.id}`);
            void refresh();
          }}
          onDelete={(host) => setDialog({ type: 'delete', host })}
        />
      ) : null}
      {dialog?.type === 'delete' ? (
        <DeleteHostDialog
          host={dialog.host}
          onCancel={() => setDialog(null)}
          onDeleted={() => {
            setDialog(null);
            say(`Deleted “${dialog.host.label}”.`);
            void refresh();
          }}
        />
      ) : null}
      {dialog?.type === 'import' ? <ImportSshConfigDialog onClose={() => setDialog(null)} onImported={() => void refresh()} /> : null}
      {dialog?.type === 'problems' ? (
        <HostProblemsDialog problems={problems} onClose={() => setDialog(null)} onCheckAgain={() => void refresh()} />
      ) : null}
    </div>
  );
}
