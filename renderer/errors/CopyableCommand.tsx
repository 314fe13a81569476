// A shell command shown in monospace with a Copy button, for fixes such as `ssh-keygen -R` that a person pastes into a terminal.
import { useRef, useState } from 'react';

export function CopyableCommand({ command }: { command: string }) {
  const codeRef = useRef<HTMLElement>(null);
  const [said, setSaid] = useState('');

  const copy = async (): Promise<void> => {
    try {
      await navigator.clipboard.writeText(command);
      setSaid('Copied');
    } catch {
      // No clipboard permission (or an insecure page): select it so Ctrl+C copies it.
      const code = codeRef.current;
      const selection = window.getSelection();
      if (code && selection) selection.selectAllChildren(code);
      setSaid('Selected: press Ctrl+C to copy');
    }
  };

  return (
    <span className="copyable-command">
      <code ref={codeRef}>{command}</code>
      <button type="button" className="copyable-command-button" onClick={() => void copy()} aria-label={`Copy command: ${command}`}>
        Copy
      </button>
      <span role="status" className="copyable-command-status">
        {said}
      </span>
    </span>
  );
}
