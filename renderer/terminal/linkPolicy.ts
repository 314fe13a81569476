// Which links a terminal may open: http and https only, anything else stays inert text.

/** The normalized address to show and open, or undefined when the link must not be opened. */
export function openableLink(text: string): string | undefined {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return undefined;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
  // The desktop shell refuses these too (main/electron/externalLink.ts): https://bank.example@evil.example/ is a disguise.
  if (url.username !== '' || url.password !== '') return undefined;
  return url.href;
}
