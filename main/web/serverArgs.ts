// Reads `npm run web` flags; a wrong one is named with what it takes.
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';

export interface ServerArgs {
  /** 0: a free port. */
  port: number;
  /** Absolute; undefined: the desktop app's user-data folder. */
  dataDir: string | undefined;
}

export const SERVER_USAGE = 'usage: npm run web -- [--port N] [--data-dir DIR]';

export function parseServerArgs(argv: string[], cwd: string): ServerArgs {
  let values: { port?: string | undefined; 'data-dir'?: string | undefined };
  try {
    ({ values } = parseArgs({ args: argv, options: { port: { type: 'string' }, 'data-dir': { type: 'string' } }, strict: true, allowPositionals: false }));
  } catch (err) {
    throw new Error(`${(err as Error).message}\n${SERVER_USAGE}`);
  }
  let port = 0;
  if (values.port !== undefined) {
    port = /^\d+$/.test(values.port) ? Number(values.port) : NaN;
    if (!Number.isInteger(port) || port < 1 || port > 65535) {
      throw new Error(`--port must be a whole number from 1 to 65535, not ${JSON.stringify(values.port)}; leave it out for a free port\n${SERVER_USAGE}`);
    }
  }
  const dataDir = values['data-dir'];
  if (dataDir === '') throw new Error(`--data-dir needs a folder\n${SERVER_USAGE}`);
  return { port, dataDir: dataDir === undefined ? undefined : resolve(cwd, dataDir) };
}
