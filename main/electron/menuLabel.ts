// A host label as a menu shows it: on Windows and Linux a lone "&" marks the next letter as the item's mnemonic.

/** "R&D box" would show as "RD box" with D underlined; doubled, it shows as typed. */
export function menuLabel(text: string): string {
  return text.replace(/&/g, '&&');
}
