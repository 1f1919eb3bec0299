import os from 'node:os';
import path from 'node:path';

/** The same per-user folder Electron's app.getPath('userData') gives for "Symetrisk Desk". */
export function defaultDataDir(appName = 'Symetrisk Desk'): string {
  const home = os.homedir();
  switch (process.platform) {
    case 'darwin':
      return path.join(home, 'Library', 'Application Support', appName);
    case 'win32':
      return path.join(process.env['APPDATA'] ?? path.join(home, 'AppData', 'Roaming'), appName);
    default:
      return path.join(process.env['XDG_CONFIG_HOME'] ?? path.join(home, '.config'), appName);
  }
}

/** --data-dir wins, then SYMETRISK_DESK_DATA, then the per-user folder. */
export function resolveDataDir(flag: string | undefined, env: NodeJS.ProcessEnv = process.env): string {
  const chosen = flag ?? env['SYMETRISK_DESK_DATA'];
  return path.resolve(chosen && chosen.trim() !== '' ? chosen : defaultDataDir());
}
