// What a connection attempt is doing right now, in words ("logging in with a key"), from its stage and method.
import type { ConnectStage } from '../../app/health.js';

const METHODS: Record<string, string> = {
  publickey: 'a key',
  agent: 'ssh-agent',
  password: 'a password',
  'keyboard-interactive': 'a login question',
  none: 'no credentials',
};

export function connectStageWords(stage: ConnectStage | null, authMethod: string | null): string | null {
  switch (stage) {
    case 'tcp':
      return 'reaching the host';
    case 'key-exchange':
      return 'exchanging keys';
    case 'host-key':
      return 'checking the host key';
    case 'authenticating':
      return authMethod ? `logging in with ${METHODS[authMethod] ?? authMethod}` : 'logging in';
    case 'ready':
    case null:
      return null;
  }
}
