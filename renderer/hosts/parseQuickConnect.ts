// Reads what a person typed into quick connect (user@host[:port], ssh://..., IPv6 in brackets) or says why not.
import type { Endpoint } from '../../app/hosts.js';

export type QuickConnectParse = { ok: true; target: Endpoint } | { ok: false; message: string };

export const QUICK_CONNECT_FORMS = 'user@host, user@host:port or ssh://user@host:port (IPv6 in brackets: user@[::1]:2222)';

// Letters, digits and the punctuation real account names use (DOMAIN\user, first.last, svc-app, user@realm).
const USERNAME = /^[\p{L}\p{N}._@+\\$][\p{L}\p{N}._@+\\$-]*$/u;
// DNS names and IPv4 literals; underscores appear in real internal names, so they are allowed too.
const HOSTNAME = /^[A-Za-z0-9_](?:[A-Za-z0-9_.-]*[A-Za-z0-9_])?$/;
// eslint-disable-next-line no-control-regex -- control characters are exactly what this must find
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;

function refuse(why: string): QuickConnectParse {
  return { ok: false, message: `${why}. Quick connect takes ${QUICK_CONNECT_FORMS}.` };
}

/** Nothing typed here ever reaches a shell or an ssh command line, but it is refused as if it could. */
export function parseQuickConnect(input: string): QuickConnectParse {
  const text = input.trim();
  if (text === '') return refuse('Type an address to connect to');
  if (CONTROL.test(text)) return refuse('The address contains a control character');
  if (/\s/.test(text)) return refuse('The address contains a space');
  if (text.startsWith('-')) return refuse(`"${text}" looks like an ssh option, not an address`);

  const scheme = /^([A-Za-z][A-Za-z0-9+.-]*):\/\//.exec(text);
  if (scheme && scheme[1]?.toLowerCase() !== 'ssh') return refuse(`"${scheme[1]}://" is not an ssh address`);
  const rest = scheme ? text.slice(scheme[0].length) : text;

  const at = rest.lastIndexOf('@');
  if (at < 0) return refuse(`"${text}" has no user name: write it before the host, as in alice@${rest}`);
  const username = rest.slice(0, at);
  const hostPort = rest.slice(at + 1);
  if (username === '') return refuse('The user name before "@" is empty');
  if (username.startsWith('-')) return refuse(`The user name "${username}" looks like an ssh option`);
  if (!USERNAME.test(username)) return refuse(`The user name "${username}" contains a character user names do not have`);

  const endpoint = splitHostPort(hostPort);
  if (!endpoint.ok) return refuse(endpoint.message);
  return { ok: true, target: { username, host: endpoint.host, ...(endpoint.port === undefined ? {} : { port: endpoint.port }) } };
}

type HostPort = { ok: true; host: string; port?: number } | { ok: false; message: string };

function splitHostPort(text: string): HostPort {
  if (text === '') return { ok: false, message: 'The host after "@" is empty' };
  let host: string;
  let portText: string | undefined;
  if (text.startsWith('[')) {
    const close = text.indexOf(']');
    if (close < 0) return { ok: false, message: `"${text}" opens "[" for an IPv6 address but does not close it` };
    host = text.slice(1, close);
    const after = text.slice(close + 1);
    if (after !== '' && !after.startsWith(':')) return { ok: false, message: `Only ":port" may follow "]", not "${after}"` };
    if (after !== '') portText = after.slice(1);
    if (!isIpv6(host)) return { ok: false, message: `"${host}" is not an IPv6 address` };
  } else {
    const colons = text.split(':').length - 1;
    if (colons > 1) return { ok: false, message: `"${text}" looks like an IPv6 address: put it in brackets, as in user@[${text}]` };
    const colon = text.indexOf(':');
    host = colon < 0 ? text : text.slice(0, colon);
    if (colon >= 0) portText = text.slice(colon + 1);
    if (host === '') return { ok: false, message: 'The host after "@" is empty' };
    if (host.startsWith('-')) return { ok: false, message: `The host "${host}" looks like an ssh option` };
    if (!HOSTNAME.test(host)) return { ok: false, message: `"${host}" is not a host name or IP address` };
  }
  if (portText === undefined) return { ok: true, host };
  if (!/^\d{1,5}$/.test(portText) || Number(portText) < 1 || Number(portText) > 65535) {
    return { ok: false, message: `The port "${portText}" must be a number from 1 to 65535` };
  }
  return { ok: true, host, port: Number(portText) };
}

/** The URL parser knows every IPv6 spelling (::, embedded IPv4); it throws on anything else. */
function isIpv6(text: string): boolean {
  if (!/^[0-9A-Fa-f:.]+$/.test(text) || !text.includes(':')) return false;
  try {
    new URL(`http://[${text}]/`);
    return true;
  } catch {
    return false;
  }
}
