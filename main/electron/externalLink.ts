// The links Skein hands to the system browser: http and https only, never file:, ssh:, smb: or a custom scheme.

/**
 * The page asks with window.open once the person confirmed the link (renderer/terminal); main
 * denies the window and opens the returned address with shell.openExternal, or nothing.
 */
export function externalLink(url: string): string | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return undefined;
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return undefined;
  // Credentials in a link are a phishing trick (https://bank.com@evil.example/), not a login anyone meant.
  if (parsed.username !== '' || parsed.password !== '') return undefined;
  return parsed.href;
}
