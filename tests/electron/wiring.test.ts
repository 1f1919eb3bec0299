/**
 * The desktop app's wiring, proven where Electron cannot run. The built main bundle (out/main/main.cjs from
 * `electron-vite build`) is loaded under plain Node in a child process, with a recording stand-in where its
 * `require('electron')` lands (wiring/electron-stand-in.cjs, wiring/host.cjs), and this test checks what the real app
 * depends on: the bundle loads and starts, every contract channel is registered with ipcMain behind the sender check,
 * app:// serves the built renderer with the CSP and nothing outside it, the preload and the cache-writer worker it
 * points to exist in the build, and the window's webPreferences are the secure ones.
 *
 * This checks wiring, not Electron's behaviour (context isolation, the sandbox, the protocol as Chromium serves it):
 * that is the _electron suite's job (smoke.electron.ts), which runs wherever an Electron binary exists.
 */
import { fork, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHANNELS, EVENT_NAMES, type Envelope } from '../../shared/contract';
import { channelPath, eventPath } from '../../shared/contract/names';
import { contentSecurityPolicy, EXTERNAL_LINK_HOSTS } from '../../electron/core/security';

const ROOT = path.resolve(import.meta.dirname, '../..');
const MAIN = path.join(ROOT, 'out/main/main.cjs');
const PRELOAD = path.join(ROOT, 'out/preload/preload.cjs');
const RENDERER = path.join(ROOT, 'out/renderer');

type Reply = { type: 'reply'; id: number; ok: true; value: unknown } | { type: 'reply'; id: number; ok: false; error: string };
type Message = Reply | { type: 'loaded'; ok: boolean; error?: string } | { type: 'problem'; error: string };

/** The child running the bundle, asked one question at a time over its IPC channel. */
class Host {
  readonly problems: string[] = [];
  readonly output: string[] = [];
  private nextId = 1;
  private readonly pending = new Map<number, { resolve(v: unknown): void; reject(e: Error): void }>();
  readonly loaded: Promise<void>;
  readonly exited: Promise<number | null>;

  constructor(readonly child: ChildProcess) {
    child.stdout?.on('data', (d: Buffer) => this.output.push(d.toString()));
    child.stderr?.on('data', (d: Buffer) => this.output.push(d.toString()));
    this.exited = new Promise((resolve) => child.once('exit', (code) => resolve(code)));
    this.loaded = new Promise((resolve, reject) => {
      child.on('message', (m: Message) => {
        if (m.type === 'loaded') {
          if (m.ok) resolve();
          else reject(new Error(`the main bundle did not start: ${m.error}`));
        } else if (m.type === 'problem') this.problems.push(m.error);
        else {
          const p = this.pending.get(m.id);
          this.pending.delete(m.id);
          if (m.ok) p?.resolve(m.value);
          else p?.reject(new Error(m.error));
        }
      });
      void this.exited.then((code) => reject(new Error(`the host exited (${code}) before it started: ${this.output.join('')}`)));
    });
  }

  ask<T>(op: string, args: Record<string, unknown> = {}): Promise<T> {
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      this.child.send({ id, op, args });
    });
  }

  invoke(channel: string, input: unknown, from: { frameUrl?: string | null; mainFrame?: boolean; appWindow?: boolean } = {}): Promise<Envelope<unknown>> {
    return this.ask('invoke', { channel, input, frameUrl: from.frameUrl === undefined ? 'app://desk/index.html' : from.frameUrl, mainFrame: from.mainFrame ?? true, appWindow: from.appWindow ?? true });
  }
}

interface State {
  accessed: string[];
  sandboxEnabled: boolean;
  singleInstanceLock: number;
  userData: string | null;
  privilegedSchemes: { scheme: string; privileges: Record<string, boolean> }[];
  protocolSchemes: string[];
  channels: string[];
  windows: number;
  windowOptions: { webPreferences: Record<string, unknown> } & Record<string, unknown>;
  loadedUrls: string[];
  hasPermissionHandlers: Record<string, boolean>;
  workerFiles: string[];
}

let started: Host | null = null;
let dataDir: string;
/** Where SYMETRISK_DESK_DATA points: a packaged app must not use it. */
let ignoredDir: string;
/** Why the host could not start (no build): every test fails with it, none is skipped. */
let missing: string | null = null;

/** The running host; throws, in each test, the reason it could not start. */
function host(): Host {
  if (!started) throw new Error(missing ?? 'the host did not start');
  return started;
}

beforeAll(async () => {
  missing = [MAIN, PRELOAD, path.join(RENDERER, 'index.html')]
    .filter((f) => !fs.existsSync(f))
    .map((f) => `${path.relative(ROOT, f)} is missing: build first (electron-vite build; npm test builds before vitest runs)`)[0] ?? null;
  if (missing) return;
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'desk-wiring-'));
  ignoredDir = path.join(dataDir, 'ignored-override');
  // The packaged app's data folder is Electron's userData; SYMETRISK_DESK_DATA is for tests and development only.
  const env: NodeJS.ProcessEnv = { ...process.env, WIRING_USER_DATA: dataDir, SYMETRISK_DESK_DATA: ignoredDir };
  delete env['ELECTRON_RENDERER_URL'];
  // execArgv empty: the bundle runs under plain Node, without vitest's or tsx's loaders.
  const child = fork(path.join(import.meta.dirname, 'wiring/host.cjs'), [MAIN], { cwd: ROOT, env, execArgv: [], stdio: ['ignore', 'pipe', 'pipe', 'ipc'] });
  const h = new Host(child);
  await h.loaded;
  started = h;
});

afterAll(async () => {
  if (started && started.child.exitCode === null) {
    started.child.kill();
    await started.exited;
  }
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
});

describe('the built main bundle under Node, with a recording electron (wiring, not Electron itself)', () => {
  it('loads and starts: sandbox for every renderer, one instance, the data folder in userData (SYMETRISK_DESK_DATA ignored when packaged)', async () => {
    const s = await host().ask<State>('state');
    expect(s.sandboxEnabled).toBe(true);
    expect(s.singleInstanceLock).toBe(1);
    expect(s.userData).toBe(dataDir);
    expect(fs.existsSync(ignoredDir)).toBe(false);
    expect(fs.existsSync(path.join(dataDir, 'desk.sqlite'))).toBe(true);
    if (process.platform !== 'win32') expect(fs.statSync(path.join(dataDir, 'desk.sqlite')).mode & 0o777).toBe(0o600);
    // What the bundle uses of Electron, so a new dependency on it shows up here.
    expect(s.accessed).toEqual(['BrowserWindow', 'app', 'ipcMain', 'net', 'protocol', 'session']);
    expect(host().problems).toEqual([]);
  });

  it('registers every contract channel with ipcMain, once each', async () => {
    const s = await host().ask<State>('state');
    expect([...s.channels].sort()).toEqual([...CHANNELS].sort());
  });

  it('refuses every channel from a foreign origin, a subframe, a frame gone, or web contents not the app window', async () => {
    const untrusted = [
      { frameUrl: 'https://evil.example/index.html' },
      { frameUrl: 'file:///etc/passwd' },
      { frameUrl: 'app://desk.evil.example/index.html' },
      { frameUrl: 'app://desk/index.html', mainFrame: false },
      { frameUrl: null },
      { frameUrl: 'app://desk/index.html', appWindow: false },
    ];
    for (const channel of CHANNELS) {
      for (const from of untrusted) {
        const r = await host().invoke(channel, undefined, from);
        expect(r, `${channel} from ${JSON.stringify(from)}`).toMatchObject({ ok: false, error: { code: 'forbidden' } });
      }
    }
  });

  it('passes every channel from app://desk to the dispatcher, which parses its input, and answers', async () => {
    for (const channel of CHANNELS) {
      const r = await host().invoke(channel, { 'wiring-probe': 1 });
      expect(r, channel).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    }
    const status = await host().invoke('system:status', undefined);
    expect(status).toMatchObject({ ok: true, value: { host: 'electron' } });
    const profiles = await host().invoke('connections:list', undefined);
    expect(profiles.ok && (profiles.value as { id: string }[]).map((p) => p.id)).toContain('demo');
  });

  it('opens one window on app://desk with the secure webPreferences and the built preload', async () => {
    const s = await host().ask<State>('state');
    expect(s.windows).toBe(1);
    expect(s.loadedUrls).toEqual(['app://desk/index.html']);
    expect(s.windowOptions.webPreferences).toMatchObject({
      preload: PRELOAD,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
      navigateOnDragDrop: false,
      devTools: false,
    });
    expect(s.windowOptions.webPreferences).not.toHaveProperty('nodeIntegrationInSubFrames', true);
    expect(s.windowOptions.webPreferences).not.toHaveProperty('enableRemoteModule', true);
    expect(s.windowOptions['show']).toBe(false);
  });

  it('loads the preload from the build: only window.api, a method per channel and event, nothing required but electron', async () => {
    const p = await host().ask<{ exposed: string[]; methods: string[]; requires: string[]; status: Envelope<unknown> }>('preload', { file: PRELOAD });
    expect(p.exposed).toEqual(['api']);
    const expected = [
      ...CHANNELS.map((c) => `${channelPath(c).domain}.${channelPath(c).method}`),
      ...EVENT_NAMES.map((e) => `${eventPath(e).domain}.${eventPath(e).method}`),
    ].sort();
    expect(p.methods).toEqual(expected);
    // A sandboxed preload can require electron and little else; this one needs nothing more.
    expect([...new Set(p.requires)]).toEqual(['electron']);
    expect(p.status).toMatchObject({ ok: true, value: { host: 'electron' } });
  });

  it('serves the built renderer under app://desk with the CSP header', async () => {
    const s = await host().ask<State>('state');
    expect(s.privilegedSchemes).toEqual([{ scheme: 'app', privileges: expect.objectContaining({ standard: true, secure: true }) }]);
    expect(s.protocolSchemes).toEqual(['app']);
    const index = fs.readFileSync(path.join(RENDERER, 'index.html'));
    const assets = [...index.toString().matchAll(/(?:src|href)="\/?([^"]+)"/g)].map((m) => m[1]!).filter((a) => !a.startsWith('http'));
    expect(assets.length).toBeGreaterThan(1);
    for (const rel of ['', 'index.html', ...assets]) {
      const r = await host().ask<{ status: number; headers: Record<string, string>; body: string }>('fetch', { url: `app://desk/${rel}` });
      expect(r.status, rel).toBe(200);
      expect(r.headers['content-security-policy'], rel).toBe(contentSecurityPolicy());
      expect(r.headers['x-content-type-options'], rel).toBe('nosniff');
      const file = path.join(RENDERER, rel === '' ? 'index.html' : rel);
      expect(Buffer.from(r.body, 'base64').equals(fs.readFileSync(file)), rel).toBe(true);
    }
  });

  it('refuses app:// paths outside the built renderer, and other hosts', async () => {
    // Each names a file that exists outside out/renderer: refused by the path check, not by a missing file.
    for (const url of [
      'app://desk/..%2Fmain%2Fmain.cjs',
      'app://desk/%2e%2e%2fpreload%2fpreload.cjs',
      'app://desk/..%2F..%2Fpackage.json',
      'app://other/index.html',
      'app://desk.evil.example/index.html',
    ]) {
      const r = await host().ask<{ status: number; body: string }>('fetch', { url });
      expect(r.status, url).toBe(404);
      expect(Buffer.from(r.body, 'base64').toString(), url).toBe('Not found');
    }
  });

  it('locks navigation to the app, denies new windows and webviews, opens only allowed links outside, denies permissions', async () => {
    const nav = (url: string) => host().ask<Record<string, unknown>>('navigation', { url });
    expect(await nav('https://evil.example/')).toEqual({ 'will-navigate': 'prevented', 'will-redirect': 'prevented', windowOpen: 'deny', openedExternally: false, webviewPrevented: true });
    expect(await nav('app://desk/index.html#/portfolio')).toMatchObject({ 'will-navigate': 'allowed', 'will-redirect': 'allowed', windowOpen: 'deny', openedExternally: false });
    expect(await nav(`https://${EXTERNAL_LINK_HOSTS[0]}/hjelp`)).toMatchObject({ 'will-navigate': 'prevented', windowOpen: 'deny', openedExternally: true });
    expect(await host().ask('permissions')).toEqual({ request: false, check: false, device: false });
  });

  it('syncs the Demo through the bridge, writing in the bundled cache-writer worker, and pushes events to the window', async () => {
    const after = await host().ask<number>('sentCount');
    const started = await host().invoke('sync:start', { profileId: 'demo' });
    expect(started).toMatchObject({ ok: true });
    const run = await host().ask<{ outcome: string; registry?: { skipped: string | null; failures: number; unitsLookedUp: number } }>('waitEvent', { channel: 'sync:finished', after });
    expect(run.outcome).toBe('ok');
    // The registry step ran in the bundle as well (its ESM-only p-limit imported, not required).
    expect(run.registry).toMatchObject({ skipped: null, failures: 0 });
    expect(run.registry!.unitsLookedUp).toBeGreaterThan(0);
    const s = await host().ask<State>('state');
    const worker = s.workerFiles.map((u) => new URL(u)).find((u) => /cache-writer-worker-[\w-]+\.cjs$/.test(u.pathname));
    expect(worker, s.workerFiles.join(', ')).toBeDefined();
    const file = decodeURIComponent(worker!.pathname);
    expect(path.dirname(file)).toBe(path.join(ROOT, 'out/main/chunks'));
    expect(fs.existsSync(file)).toBe(true);
    const log = fs.readFileSync(path.join(dataDir, 'logs', 'desk.log'), 'utf8');
    expect(log).not.toMatch(/writing in the main thread/);
    const list = await host().invoke('portfolio:list', { profileId: 'demo' });
    expect(list.ok && (list.value as unknown[]).length).toBeGreaterThan(0);
  });

  it('prints the window to an A4 PDF through the save dialog for export:printPdf, and writes nothing when it is closed', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'desk-wiring-pdf-'));
    try {
      await host().ask('saveDialog', { answer: { canceled: true } });
      expect(await host().invoke('export:printPdf', {})).toEqual({ ok: true, value: { outcome: 'cancelled', path: null, bytes: null } });
      const target = path.join(dir, 'Sammendrag');
      await host().ask('saveDialog', { answer: { canceled: false, filePath: target } });
      const r = await host().invoke('export:printPdf', { fileName: 'Sammendrag Demo' });
      expect(r).toMatchObject({ ok: true, value: { outcome: 'saved', path: `${target}.pdf` } });
      expect(fs.readFileSync(`${target}.pdf`, 'utf8')).toMatch(/^%PDF-/);
      if (process.platform !== 'win32') expect(fs.statSync(`${target}.pdf`).mode & 0o777).toBe(0o600);
      const printed = await host().ask<Record<string, unknown>[]>('printed');
      expect(printed.at(-1)).toMatchObject({ pageSize: 'A4', printBackground: true, preferCSSPageSize: true });
    } finally {
      await host().ask('saveDialog', { answer: { canceled: true } });
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('quits when its window closes, and nothing it opened keeps the process alive', async () => {
    expect(await host().ask('quit')).toEqual({ quitCalls: process.platform === 'darwin' ? 0 : 1 });
    expect(await host().exited).toBe(0);
    expect(host().problems).toEqual([]);
    // Every database was closed: SQLite removes the WAL of a file whose last connection closed.
    expect(fs.existsSync(path.join(dataDir, 'desk.sqlite-wal'))).toBe(false);
    expect(fs.existsSync(path.join(dataDir, 'cache', 'demo.sqlite-wal'))).toBe(false);
  });
});
