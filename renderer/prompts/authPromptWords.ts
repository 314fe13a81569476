// A login question's title and field labels in words, from what the server sent (often no name, "Password: " prompts).
import type { AuthPromptEvent } from '../../app/api.js';

export interface AuthPromptWords {
  title: string;
  fields: { label: string; secret: boolean; oneTimeCode: boolean }[];
}

const ONE_TIME = /\b(verification|one[- ]time|otp|token|code|2fa|two[- ]factor|authenticator)\b/i;

export function authPromptWords(event: Pick<AuthPromptEvent, 'name' | 'prompts'>): AuthPromptWords {
  const fields = event.prompts.map(({ prompt, echo }) => {
    // Servers end prompts with ": " for a terminal; a form's label needs neither.
    const label = prompt.trim().replace(/:\s*$/, '').trim() || 'Answer';
    return { label, secret: !echo, oneTimeCode: ONE_TIME.test(label) };
  });
  return { title: event.name.trim() || titleFor(fields), fields };
}

function titleFor(fields: AuthPromptWords['fields']): string {
  if (fields.some((f) => f.oneTimeCode)) return 'Two-factor login';
  const only = fields.length === 1 ? fields[0] : undefined;
  if (only && /passphrase/i.test(only.label)) return 'Key passphrase';
  if (only && /password/i.test(only.label)) return 'Password';
  return 'Login question';
}
