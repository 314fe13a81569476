// The colours the page wears: the person's choice, or the OS's while the choice is "system".
import type { Theme } from '../../app/settings.js';

export function appliedTheme(choice: Theme, osPrefersDark: boolean): 'light' | 'dark' {
  if (choice === 'system') return osPrefersDark ? 'dark' : 'light';
  return choice;
}
