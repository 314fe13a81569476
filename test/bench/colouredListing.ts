// Coloured `ls -l`-like text for the terminal benches: numbered lines (every one different), ending in CR LF as a terminal receives them.

const PERMS = ['drwxr-xr-x', '-rw-r--r--', '-rwxr-xr-x', 'lrwxrwxrwx', '-rw-------'];
const COLOURS = ['\x1b[01;34m', '\x1b[0m', '\x1b[01;32m', '\x1b[01;36m', '\x1b[0m'];
const NAMES = ['src', 'package.json', 'build.sh', 'latest', 'secrets.env', 'node_modules', 'README.md', 'deploy', 'current', 'notes.txt'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** Line `i`: permissions, links, owner, size, date and a coloured name, as `ls -l --color` prints them. */
export function colouredListingLine(i: number): string {
  const kind = i % PERMS.length;
  const size = String((i * 7919) % 10_000_000).padStart(8);
  const date = `${MONTHS[i % 12] as string} ${String((i % 28) + 1).padStart(2)} ${String(i % 24).padStart(2, '0')}:${String(i % 60).padStart(2, '0')}`;
  const name = `${NAMES[i % NAMES.length] as string}-${i}`;
  return `${PERMS[kind] as string} ${(i % 9) + 1} alice staff ${size} ${date} ${COLOURS[kind] as string}${name}\x1b[0m${kind === 3 ? ` -> \x1b[01;34mreleases/${i}\x1b[0m` : ''}\r\n`;
}

/** Lines from `first` on until `bytes` is reached (the last line may end the text past it). */
export function* colouredListing(bytes: number, first = 0): Generator<string> {
  let written = 0;
  for (let i = first; written < bytes; i++) {
    const line = colouredListingLine(i);
    written += Buffer.byteLength(line);
    yield line;
  }
}
