import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** An environment variable that names a folder: unset, empty or relative is no folder (XDG Base Directory spec). */
function absoluteDir(value: string | undefined): string | null {
  return value !== undefined && value.trim() !== '' && path.isAbsolute(value) ? value : null;
}

/**
 * The same per-user folder Electron's app.getPath('userData') gives for "Symetrisk Desk". An empty or relative
 * XDG_CONFIG_HOME (or APPDATA) counts as unset: `??` took an empty one as the current directory, so the data of
 * every borrower landed wherever the command happened to run.
 */
export function defaultDataDir(appName = 'Symetrisk Desk', env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform, home = os.homedir()): string {
  switch (platform) {
    case 'darwin':
      return path.join(home, 'Library', 'Application Support', appName);
    case 'win32':
      return path.join(absoluteDir(env['APPDATA']) ?? path.join(home, 'AppData', 'Roaming'), appName);
    default:
      return path.join(absoluteDir(env['XDG_CONFIG_HOME']) ?? path.join(home, '.config'), appName);
  }
}

/** --data-dir wins, then SYMETRISK_DESK_DATA, then the per-user folder. */
export function resolveDataDir(flag: string | undefined, env: NodeJS.ProcessEnv = process.env): string {
  const chosen = flag ?? env['SYMETRISK_DESK_DATA'];
  return path.resolve(chosen && chosen.trim() !== '' ? chosen : defaultDataDir(undefined, env));
}

/**
 * The desktop app's data folder override: SYMETRISK_DESK_DATA only in an unpackaged app (tests and development).
 * A packaged app always uses its userData, so nothing in the environment can point a bank's installation at
 * another folder.
 */
export function desktopDataOverride(env: NodeJS.ProcessEnv, isPackaged: boolean): string | null {
  const v = env['SYMETRISK_DESK_DATA'];
  return !isPackaged && v && v.trim() !== '' ? path.resolve(v) : null;
}

/** Mode bits mean nothing on Windows (the profile folder's ACL protects the data there). */
const POSIX = process.platform !== 'win32';
export const PRIVATE_DIR_MODE = 0o700;
export const PRIVATE_FILE_MODE = 0o600;

/**
 * For a process that writes the data folder (the CLI, the browser host, the desktop app): every file and folder it
 * creates from here on is private to the user, whatever the caller's umask. SQLite's WAL and journal files, the
 * logs, the exports and Chromium's own files in userData included.
 */
export function restrictUmask(): void {
  if (POSIX) process.umask(0o077);
}

/** Creates `dir` (and its parents) private to the user, and makes it private if it already exists. */
export function ensurePrivateDir(dir: string): void {
  fs.mkdirSync(dir, { recursive: true, mode: PRIVATE_DIR_MODE });
  if (POSIX) fs.chmodSync(dir, PRIVATE_DIR_MODE);
}

/** The folders of the data folder the app owns, and the files at its top level that are ours. */
const OWN_SUBDIRS = ['cache', 'logs', 'exports'];
const OWN_TOP_FILE = /^desk\.sqlite(-wal|-shm|-journal)?$/;

/**
 * Makes the data folder private (0700) and, for an installation made before this rule, its own folders (0700) and
 * their files (0600): other local users could read every borrower's accounts when the CLI and the browser host
 * created them 0755/0644. Only what the app owns is touched; a folder the analyst chose keeps anything else as it
 * is. Files another user owns (chmod refused) are left alone.
 */
export function securePrivateData(dataDir: string): void {
  ensurePrivateDir(dataDir);
  if (!POSIX) return;
  const chmod = (p: string, mode: number) => {
    try {
      const st = fs.lstatSync(p);
      if (st.isSymbolicLink()) return;
      if ((st.mode & 0o777) !== mode) fs.chmodSync(p, mode);
    } catch {
      // Not ours, or gone meanwhile: nothing to make private.
    }
  };
  for (const name of fs.readdirSync(dataDir)) if (OWN_TOP_FILE.test(name)) chmod(path.join(dataDir, name), PRIVATE_FILE_MODE);
  for (const sub of OWN_SUBDIRS) {
    const dir = path.join(dataDir, sub);
    if (!fs.existsSync(dir) || !fs.lstatSync(dir).isDirectory()) continue;
    chmod(dir, PRIVATE_DIR_MODE);
    for (const name of fs.readdirSync(dir)) {
      const p = path.join(dir, name);
      let isDir = false;
      try {
        isDir = fs.lstatSync(p).isDirectory();
      } catch {
        continue;
      }
      chmod(p, isDir ? PRIVATE_DIR_MODE : PRIVATE_FILE_MODE);
    }
  }
}
