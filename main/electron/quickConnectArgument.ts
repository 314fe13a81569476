// Reads the quick-connect target a launch hands over (`skein ssh://user@host:port`): a prefill for the bar, never a command.
import type { QuickConnectPrefill } from '../../app/electronIpc.js';
import { DEFAULT_SSH_PORT } from '../../app/hosts.js';

export type QuickConnectArgument = { prefill: QuickConnectPrefill } | { refused: string };

const MAX_LENGTH = 300;
/** What OpenSSH would take as a user name without quoting; a leading '-' would read as an option. */
const USERNAME = /^[A-Za-z0-9._][A-Za-z0-9._-]{0,63}$/;
const LABEL = '[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?';
const HOSTNAME = new RegExp(`^${LABEL}(?:\\.${LABEL})*\\.?$`);
const IPV6 = /^\[[0-9A-Fa-f:.]{2,45}\]$/;

/**
 * The launch arguments' one `ssh://` URL, or undefined when there is none (a plain launch).
 * Only user, host and port are taken; a password, path, query (`?command=`), fragment, control
 * character, percent-encoded host or option-like name refuses the whole argument, so nothing of
 * it can run anything: the person still presses Connect.
 */
export function quickConnectArgument(argv: readonly string[]): QuickConnectArgument | undefined {
  const urls = argv.filter((arg) => /^ssh:\/\//i.test(arg));
  if (urls.length === 0) return undefined;
  if (urls.length > 1) return { refused: `${urls.length} ssh:// arguments were given; pass one` };
  const arg = urls[0] as string;
  const shown = JSON.stringify(arg.length > 80 ? `${arg.slice(0, 80)}...` : arg);
  const refuse = (why: string): QuickConnectArgument => ({ refused: `${shown} ${why}; expected ssh://user@host[:port]` });
  if (arg.length > MAX_LENGTH) return refuse(`is longer than ${MAX_LENGTH} characters`);
  // The URL parser would quietly drop tabs and newlines, so they are refused before it sees them.
  if ([...arg].some((ch) => ch <= ' ' || ch === '\x7f')) return refuse('contains spaces or control characters');
  let url: URL;
  try {
    url = new URL(arg);
  } catch {
    return refuse('is not a valid URL (a port must be from 1 to 65535)');
  }
  if (url.password !== '') return refuse('carries a password; Skein asks for it instead');
  if (url.pathname !== '' && url.pathname !== '/') return refuse('has a path; a quick-connect link names only user, host and port');
  if (url.search !== '' || arg.includes('?')) return refuse('has a query; a quick-connect link names only user, host and port');
  if (url.hash !== '' || arg.includes('#')) return refuse('has a fragment; a quick-connect link names only user, host and port');
  if (url.username === '') return refuse('names no user');
  if (!USERNAME.test(url.username)) return refuse('has a user name other than letters, digits, ".", "_" and "-" (not first)');
  const host = url.hostname;
  if (host === '') return refuse('names no host');
  if (!HOSTNAME.test(host) && !IPV6.test(host)) return refuse('has a host name other than letters, digits, "-" and "." or an [IPv6] address');
  const port = url.port === '' ? DEFAULT_SSH_PORT : Number(url.port);
  if (!Number.isInteger(port) || port < 1 || port > 65535) return refuse('has a port outside 1 to 65535');
  return { prefill: { username: url.username, host: IPV6.test(host) ? host.slice(1, -1) : host, port } };
}
