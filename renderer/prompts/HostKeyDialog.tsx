// The question for a host key Skein has never seen: where, which key, its fingerprint, and what trusting it does.
import { useId, useRef } from 'react';
import type { HostKeyPromptEvent } from '../../app/api.js';
import { formatHostPort } from '../../app/hosts.js';
import { CopyableCommand } from '../errors/CopyableCommand.js';
import { ModalDialog } from './ModalDialog.js';
import { serverHostKeyFile } from './serverHostKeyFile.js';

export interface HostKeyDialogProps {
  prompt: HostKeyPromptEvent;
  onAnswer: (trust: boolean) => void;
  /** Questions waiting behind this one. */
  waiting: number;
}

export function HostKeyDialog({ prompt, onAnswer, waiting }: HostKeyDialogProps) {
  const id = useId();
  const factsRef = useRef<HTMLDivElement>(null);
  const target = formatHostPort(prompt.host, prompt.port);
  const serverFile = serverHostKeyFile(prompt.keyType);
  const otherTypes = prompt.knownKeys.length > 0;

  return (
    <ModalDialog
      labelledBy={`${id}-title`}
      describedBy={`${id}-facts`}
      testId="hostkey-dialog"
      className="prompt-dialog"
      onCancel={() => onAnswer(false)}
      // Focus lands on the facts, not a button: an Enter typed into a terminal as the dialog opens decides nothing.
      initialFocus={factsRef}
    >
      <h2 id={`${id}-title`} className="prompt-title">
        {otherTypes ? 'New type of host key' : 'Unknown host key'}
      </h2>
      <div id={`${id}-facts`} ref={factsRef} tabIndex={-1} className="prompt-facts">
        <p>
          Skein has no record of this key for <strong>{target}</strong>, so it cannot tell whether this is the server you mean. Check
          the fingerprint before you trust it.
        </p>
        <dl className="prompt-key">
          <dt>Host</dt>
          <dd className="mono">{target}</dd>
          <dt>Key type</dt>
          <dd className="mono">{prompt.keyType}</dd>
          <dt>Fingerprint</dt>
          <dd className="mono prompt-fingerprint">{prompt.fingerprint}</dd>
        </dl>
      </div>
      {otherTypes && (
        <div className="prompt-warning" role="note">
          <p>
            <strong>Keys of other types are already known for this host.</strong> Skein asked the server for those first, and it
            offered a {prompt.keyType} key instead. That happens when the server was set up again or its keys were changed; it is also
            what someone between you and the server would do. Ask the server's administrator before trusting it.
          </p>
          <ul className="prompt-known-keys">
            {prompt.knownKeys.map((k) => (
              <li key={`${k.keyType} ${k.fingerprint}`}>
                <span className="mono">{k.keyType}</span> <span className="mono prompt-fingerprint">{k.fingerprint}</span>
                {k.location && (
                  <span className="muted">
                    {' '}
                    ({k.location.path} line {k.location.line})
                  </span>
                )}
              </li>
            ))}
          </ul>
        </div>
      )}
      {serverFile && (
        <p className="muted prompt-check">
          On the server, <CopyableCommand command={`ssh-keygen -lf ${serverFile}`} /> prints the fingerprint to compare.
        </p>
      )}
      <p>
        <strong>Trust</strong> adds the key to your known_hosts file and connects; Skein will not ask again for this key.{' '}
        <strong>Reject</strong> does not connect and changes nothing.
      </p>
      {waiting > 0 && (
        <p className="muted">
          {waiting} more question{waiting === 1 ? '' : 's'} waiting after this one.
        </p>
      )}
      <div className="prompt-buttons">
        <button type="button" data-testid="hostkey-reject" onClick={() => onAnswer(false)}>
          Reject
        </button>
        <button type="button" className="primary" data-testid="hostkey-trust" onClick={() => onAnswer(true)}>
          Trust and connect
        </button>
      </div>
    </ModalDialog>
  );
}
