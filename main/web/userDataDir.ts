// The folder Electron's app.getPath('userData') gives the desktop app, computed without Electron so web mode sees the same hosts.
import { posix, win32 } from 'node:path';

export interface UserDataFacts {
  /** process.platform */
  platform: string;
  /** os.homedir() */
  homeDir: string;
  env: Record<string, string | undefined>;
}

/** The app's name as Electron takes it: package.json's productName, else its name. */
export function electronAppName(packageJson: { name?: unknown; productName?: unknown }): string {
  const name = typeof packageJson.productName === 'string' && packageJson.productName !== '' ? packageJson.productName : packageJson.name;
  if (typeof name !== 'string' || name === '') throw new Error('package.json has neither a productName nor a name, so the user-data folder cannot be found');
  return name;
}

/** Electron's appData folder joined with the app name, as Electron computes it per platform. */
export function userDataDir(appName: string, facts: UserDataFacts): string {
  switch (facts.platform) {
    case 'darwin':
      return posix.join(facts.homeDir, 'Library', 'Application Support', appName);
    case 'win32':
      return win32.join(facts.env.APPDATA || win32.join(facts.homeDir, 'AppData', 'Roaming'), appName);
    default:
      return posix.join(facts.env.XDG_CONFIG_HOME || posix.join(facts.homeDir, '.config'), appName);
  }
}
