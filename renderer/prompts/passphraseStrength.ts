// A rough strength hint for a new vault passphrase: length first, as NIST SP 800-63B advises, not symbol rules.

/** The core refuses shorter ones (main/hosts/lockableVault.ts, MIN_VAULT_PASSPHRASE_LENGTH); said here before it has to. */
export const MIN_PASSPHRASE_LENGTH = 8;

export type StrengthLevel = 'too-short' | 'weak' | 'fair' | 'strong';

export interface PassphraseStrength {
  level: StrengthLevel;
  text: string;
}

/**
 * Length and words decide, not character classes: "Tr0ub4dor" mixes four classes and is still one
 * dictionary word away. Repeats do not count ("aaaaaaaaaaaa" is one character), and four or more
 * unrelated words make a strong phrase, as diceware measures it (about 13 bits a word).
 */
export function passphraseStrength(passphrase: string): PassphraseStrength {
  const chars = [...passphrase];
  if (chars.length < MIN_PASSPHRASE_LENGTH) {
    return { level: 'too-short', text: `Too short: use at least ${MIN_PASSPHRASE_LENGTH} characters. A few unrelated words work well.` };
  }
  const distinct = new Set(chars.map((c) => c.toLowerCase())).size;
  const words = new Set(passphrase.toLowerCase().split(/[\s\-_.,]+/).filter((w) => w.length >= 3)).size;
  if (words >= 4 || (chars.length >= 16 && distinct >= 8)) return { level: 'strong', text: 'Strong.' };
  if (chars.length >= 12 && distinct >= 6) return { level: 'fair', text: 'Fair: another word or a few more characters would make it strong.' };
  return { level: 'weak', text: 'Weak: easy to guess if someone copies the vault file. Make it longer, or use four unrelated words.' };
}
