import { execFile, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { defaultDataDir, desktopDataOverride, resolveDataDir, securePrivateData } from '../../../../electron/services/data-dir';
import { createFileLogger } from '../../../../electron/services/log';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});
function temp(): string {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'desk-perm-'));
  dirs.push(d);
  return d;
}
const mode = (p: string) => fs.statSync(p).mode & 0o777;

/** Every folder and file under `dir` with a mode other than 0700 (folders) or 0600 (files). */
function notPrivate(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    if (mode(d) !== 0o700) out.push(`${path.relative(dir, d) || '.'} ${mode(d).toString(8)}`);
    for (const name of fs.readdirSync(d)) {
      const p = path.join(d, name);
      if (fs.lstatSync(p).isDirectory()) walk(p);
      else if (mode(p) !== 0o600) out.push(`${path.relative(dir, p)} ${mode(p).toString(8)}`);
    }
  };
  walk(dir);
  return out;
}

describe('the data folder', () => {
  it('treats an empty or relative XDG_CONFIG_HOME as unset, never the current directory (finding 8)', () => {
    const home = '/home/analyst';
    expect(defaultDataDir('Symetrisk Desk', { XDG_CONFIG_HOME: '' }, 'linux', home)).toBe('/home/analyst/.config/Symetrisk Desk');
    expect(defaultDataDir('Symetrisk Desk', { XDG_CONFIG_HOME: '  ' }, 'linux', home)).toBe('/home/analyst/.config/Symetrisk Desk');
    expect(defaultDataDir('Symetrisk Desk', { XDG_CONFIG_HOME: 'relative/dir' }, 'linux', home)).toBe('/home/analyst/.config/Symetrisk Desk');
    expect(defaultDataDir('Symetrisk Desk', { XDG_CONFIG_HOME: '/xdg' }, 'linux', home)).toBe('/xdg/Symetrisk Desk');
    expect(defaultDataDir('Symetrisk Desk', { APPDATA: '' }, 'win32', 'C:\\Users\\a')).toBe(path.join('C:\\Users\\a', 'AppData', 'Roaming', 'Symetrisk Desk'));
    expect(resolveDataDir(undefined, { XDG_CONFIG_HOME: '' })).not.toBe(path.resolve('Symetrisk Desk'));
    expect(resolveDataDir(undefined, { XDG_CONFIG_HOME: '', SYMETRISK_DESK_DATA: '' })).toBe(path.resolve(defaultDataDir('Symetrisk Desk', {})));
  });

  it('lets SYMETRISK_DESK_DATA move the desktop app only when unpackaged (finding 10)', () => {
    expect(desktopDataOverride({ SYMETRISK_DESK_DATA: '/tmp/x' }, true)).toBeNull();
    expect(desktopDataOverride({ SYMETRISK_DESK_DATA: '/tmp/x' }, false)).toBe('/tmp/x');
    expect(desktopDataOverride({ SYMETRISK_DESK_DATA: '' }, false)).toBeNull();
  });

  it.skipIf(process.platform === 'win32')('makes an existing installation private: the folder, its own folders and files, nothing else (finding 7)', () => {
    const dir = temp();
    fs.chmodSync(dir, 0o755);
    for (const sub of ['cache', 'logs', 'exports']) fs.mkdirSync(path.join(dir, sub), { mode: 0o755 });
    const files = ['desk.sqlite', 'desk.sqlite-wal', 'cache/demo.sqlite', 'logs/desk.log', 'exports/pack.xlsx'];
    for (const f of files) fs.writeFileSync(path.join(dir, f), 'x', { mode: 0o644 });
    fs.writeFileSync(path.join(dir, 'notes.txt'), 'the analyst’s own', { mode: 0o644 });
    securePrivateData(dir);
    expect(mode(dir)).toBe(0o700);
    for (const sub of ['cache', 'logs', 'exports']) expect(mode(path.join(dir, sub))).toBe(0o700);
    for (const f of files) expect([f, mode(path.join(dir, f))]).toEqual([f, 0o600]);
    expect(mode(path.join(dir, 'notes.txt'))).toBe(0o644);
  });

  it.skipIf(process.platform === 'win32')('writes the log 0600 in a 0700 folder whatever the umask', () => {
    const dir = temp();
    createFileLogger(dir).info('hello');
    expect(mode(path.join(dir, 'logs'))).toBe(0o700);
    expect(mode(path.join(dir, 'logs', 'desk.log'))).toBe(0o600);
  });

  it.skipIf(process.platform === 'win32')('the CLI, run as a process with umask 022, leaves nothing another user can read (finding 7)', async () => {
    const dir = path.join(temp(), 'fresh');
    const main = path.resolve('electron/cli/main.ts');
    // sh sets the umask a user's shell typically has, then runs the CLI as `npm run cli` would.
    const run = (args: string) => promisify(execFile)('sh', ['-c', `umask 022; exec "${process.execPath}" --import tsx "${main}" ${args}`]);
    await run(`sync --profile demo --data-dir "${dir}"`);
    await run(`status --data-dir "${dir}"`);
    expect(fs.existsSync(path.join(dir, 'cache', 'demo.sqlite'))).toBe(true);
    expect(fs.existsSync(path.join(dir, 'logs', 'desk.log'))).toBe(true);
    expect(notPrivate(dir)).toEqual([]);
  });

  it.skipIf(process.platform === 'win32')('the browser host, started with umask 022, creates its data folder private (finding 7)', async () => {
    const dir = path.join(temp(), 'web');
    const renderer = temp();
    fs.writeFileSync(path.join(renderer, 'index.html'), '<!doctype html>');
    const child = spawn('sh', ['-c', `umask 022; exec "${process.execPath}" --import tsx electron/host/cli.ts --data-dir "${dir}" --renderer-dir "${renderer}"`], { stdio: ['ignore', 'pipe', 'pipe'] });
    try {
      await new Promise<void>((resolve, reject) => {
        let out = '';
        child.stdout.on('data', (c: Buffer) => {
          out += c.toString();
          if (out.includes('is running')) resolve();
        });
        child.once('exit', (code) => reject(new Error(`the host exited (${code})`)));
      });
    } finally {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
    }
    expect(fs.existsSync(path.join(dir, 'desk.sqlite'))).toBe(true);
    expect(notPrivate(dir)).toEqual([]);
  });
});
