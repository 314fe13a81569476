// Reads the vault passphrase from the environment once and removes it, so no process Skein starts inherits it.

/** Call once, first thing at startup, with process.env; an empty value counts as none. */
export function takeVaultPassphrase(env: NodeJS.ProcessEnv): string | undefined {
  const passphrase = env.SKEIN_VAULT_PASSPHRASE;
  // Children get a copy of process.env at spawn: only a variable gone from it stays out of them.
  delete env.SKEIN_VAULT_PASSPHRASE;
  return passphrase === '' ? undefined : passphrase;
}
