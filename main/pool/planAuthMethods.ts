// Which login methods to try next, and in which order, from what the target offers and the server accepts.

export type AuthMethod = 'publickey' | 'agent' | 'keyboard-interactive' | 'password';

/** What a target brings to a login. */
export interface AuthOffer {
  /** A private key, already parsed and decrypted. */
  privateKey: boolean;
  /** An ssh-agent socket. */
  agent: boolean;
  /** A saved password. */
  password: boolean;
  /** The host asks for keyboard-interactive. */
  keyboardInteractive: boolean;
  /** Someone can answer keyboard-interactive prompts (the pool's answerPrompts hook). */
  canAnswerPrompts: boolean;
}

/** Our order: the key, then the agent's keys, then keyboard-interactive, then a plain password. */
const ORDER: readonly AuthMethod[] = ['publickey', 'agent', 'keyboard-interactive', 'password'];

/**
 * The methods still worth trying, best first. `serverAccepts` is the list in the server's last
 * refusal (null while it has named none: then nothing is ruled out); an agent signs with
 * publickey, so it counts as that. Each method is tried once: `tried` are left out.
 */
export function planAuthMethods(offer: AuthOffer, serverAccepts: readonly string[] | null, tried: readonly AuthMethod[]): AuthMethod[] {
  return ORDER.filter((method) => {
    if (tried.includes(method) || !offers(offer, method)) return false;
    return serverAccepts === null || serverAccepts.includes(method === 'agent' ? 'publickey' : method);
  });
}

function offers(offer: AuthOffer, method: AuthMethod): boolean {
  switch (method) {
    case 'publickey':
      return offer.privateKey;
    case 'agent':
      return offer.agent;
    case 'keyboard-interactive':
      // Someone must answer: the person, or the saved password for a lone password prompt.
      return (offer.keyboardInteractive && offer.canAnswerPrompts) || offer.password;
    case 'password':
      return offer.password;
  }
}
