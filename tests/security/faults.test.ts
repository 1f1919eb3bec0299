/**
 * Faults beyond the sync tests: a full disk and an unwritable export folder, a damaged or foreign cache file, two
 * app processes on one data folder, the keychain unavailable, and the local clock skewed against token expiry.
 * Each ends with a clear, typed error (or a correct result) and the cache intact.
 */
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import type { Sandbox } from '../../electron/sandbox/index';
import { AppError } from '../../shared/contract';
import type { CredentialStore } from '../../electron/services/credentials/credential-store';
import { MemoryCredentialStore } from '../../electron/services/credentials/credential-store';
import { addSandboxProfile, dataFolderState, makeSecurityApp, sandbox as startSb, syncThroughBridge, tempDir, valueOf, type SecurityApp } from './helpers';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function setup(opts: Parameters<typeof makeSecurityApp>[0] = {}, sbOpts: Parameters<typeof startSb>[0] = {}): Promise<{ app: SecurityApp; sb: Sandbox; id: string }> {
  const sb = await startSb(sbOpts);
  cleanups.push(() => sb.close());
  const app = await makeSecurityApp(opts);
  cleanups.push(() => app.close());
  const id = await addSandboxProfile(app, sb);
  return { app, sb, id };
}

function integrity(file: string): string {
  const db = new Database(file, { readonly: true });
  try {
    return db.pragma('integrity_check', { simple: true }) as string;
  } finally {
    db.close();
  }
}

// ---- full disk, unwritable export folder --------------------------------------------------------------------

const isRoot = process.getuid?.() === 0;
/** A data folder on its own 8 MB tmpfs, so "the disk is full" is real (ENOSPC / SQLITE_FULL); root on Linux only. */
function tinyDisk(): string | null {
  if (!isRoot || process.platform !== 'linux') return null;
  const dir = tempDir('desk-full-');
  if (spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=8m', 'tmpfs', dir]).status !== 0) {
    fs.rmSync(dir, { recursive: true, force: true });
    return null;
  }
  return dir;
}
function unmount(dir: string): void {
  spawnSync('umount', ['-l', dir]);
  fs.rmSync(dir, { recursive: true, force: true });
}
/** Whether this machine can run the full-disk tests (probed once, the probe mount undone at once). */
const canFillDisk = (() => {
  const d = tinyDisk();
  if (d) unmount(d);
  return d !== null;
})();
const fullDiskSkip = isRoot ? 'mounting a small tmpfs failed on this machine' : 'it needs root to mount a small tmpfs (a disk cannot be filled safely otherwise)';

function fillDisk(dir: string): () => void {
  const filler = path.join(dir, 'filler.bin');
  const chunk = Buffer.alloc(256 * 1024);
  const fd = fs.openSync(filler, 'w');
  try {
    for (let size = chunk.length; size >= 512; ) {
      try {
        fs.writeSync(fd, chunk, 0, size);
      } catch {
        size = Math.floor(size / 2); // ENOSPC: fill the last blocks with smaller writes
      }
    }
  } finally {
    fs.closeSync(fd);
  }
  return () => fs.rmSync(filler, { force: true });
}

describe(`a full disk${canFillDisk ? '' : ` (skipped: ${fullDiskSkip})`}`, () => {
  it.skipIf(!canFillDisk)('during sync: a clear storage error, the cache intact, and the next sync completes', async () => {
    const dir = tinyDisk()!;
    cleanups.push(() => unmount(dir));
    const { app, sb, id } = await setup({ dir: path.join(dir, 'data') });
    expect((await syncThroughBridge(app, id)).outcome).toBe('ok');
    const rows = valueOf<unknown[]>(await app.call('portfolio:list', { profileId: id })).length;
    sb.control.advanceTime({ days: 60 });
    const free = fillDisk(dir);
    const start = await app.call('sync:start', { profileId: id });
    let message: string;
    if (start.ok) {
      const run = (await app.waitForEvent('sync:finished', (p) => (p as { id: number }).id === (start.value as { runId: number }).runId)) as { outcome: string; message: string };
      expect(run.outcome).not.toBe('ok');
      message = run.message;
    } else {
      expect(start.error.code).toBe('storage');
      message = start.error.message;
    }
    expect(message).toMatch(/disk is full/i);
    free();
    expect(integrity(path.join(app.dir, 'cache', `${id}.sqlite`))).toBe('ok');
    // Nothing already cached was lost (new data may have landed before the disk filled; none was half written).
    expect(valueOf<unknown[]>(await app.call('portfolio:list', { profileId: id })).length).toBe(rows);
    expect((await syncThroughBridge(app, id)).outcome).toBe('ok');
  });

  it.skipIf(!canFillDisk)('during export: a failed export with a clear error, no file left behind, the cache intact', async () => {
    const dir = tinyDisk()!;
    cleanups.push(() => unmount(dir));
    const { app, id } = await setup({ dir: path.join(dir, 'data') });
    expect((await syncThroughBridge(app, id)).outcome).toBe('ok');
    fs.mkdirSync(path.join(app.dir, 'exports'), { recursive: true });
    const before = dataFolderState(app.dir);
    const free = fillDisk(dir);
    const started = await app.call('export:pack', { profileId: id, fileName: 'full.xlsx' });
    if (started.ok) {
      const done = (await app.waitForEvent('export:finished', (p) => (p as { exportId: string }).exportId === (started.value as { exportId: string }).exportId)) as {
        outcome: string;
        error: { code: string; message: string } | null;
      };
      expect(done.outcome).toBe('failed');
      expect(done.error?.code).toBe('storage');
      expect(done.error?.message).toMatch(/disk is full/i);
    } else {
      expect(started.error.code).toBe('storage');
    }
    free();
    expect(fs.readdirSync(path.join(app.dir, 'exports'))).toEqual([]);
    expect(dataFolderState(app.dir)).toEqual(before);
  });
});

describe('an export folder that cannot be written', () => {
  it('fails the export with a clear error and changes nothing else (a file stands where the folder should be, which stops root too)', async () => {
    const { app, id } = await setup();
    expect((await syncThroughBridge(app, id)).outcome).toBe('ok');
    fs.rmSync(path.join(app.dir, 'exports'), { recursive: true, force: true });
    fs.writeFileSync(path.join(app.dir, 'exports'), 'not a folder');
    const before = dataFolderState(app.dir);
    const started = await app.call('export:pack', { profileId: id, fileName: 'ro.xlsx' });
    if (started.ok) {
      const done = (await app.waitForEvent('export:finished', (p) => (p as { exportId: string }).exportId === (started.value as { exportId: string }).exportId)) as {
        outcome: string;
        error: { code: string; message: string } | null;
      };
      expect(done.outcome).toBe('failed');
      expect(done.error?.message.length).toBeGreaterThan(10);
      expect(done.error?.message).not.toMatch(/Something went wrong/);
    } else {
      expect(['storage', 'file_busy']).toContain(started.error.code);
    }
    expect(dataFolderState(app.dir)).toEqual(before);
  });
});

// ---- damaged or foreign cache files -------------------------------------------------------------------------

describe('a cache file that is not ours', () => {
  const cases: [string, (file: string) => void][] = [
    ['random bytes', (f) => fs.writeFileSync(f, Buffer.from('this is not a database at all'.repeat(200)))],
    [
      'a damaged cache (its header overwritten)',
      (f) => {
        const b = fs.readFileSync(f);
        b.fill(0x41, 0, 100);
        fs.writeFileSync(f, b);
      },
    ],
    [
      "another program's SQLite database",
      (f) => {
        const db = new Database(f);
        db.exec('CREATE TABLE moz_places (id INTEGER PRIMARY KEY, url TEXT); INSERT INTO moz_places (url) VALUES (\'https://example.org\')');
        db.close();
      },
    ],
  ];

  it.each(cases)('%s: refused with a message, never overwritten, and a fresh cache can be started', async (_label, spoil) => {
    const { app, sb, id } = await setup();
    expect((await syncThroughBridge(app, id)).outcome).toBe('ok');
    const file = path.join(app.dir, 'cache', `${id}.sqlite`);
    app.services.caches.close(id);
    for (const f of [file, `${file}-wal`, `${file}-shm`]) fs.rmSync(f, { force: true });
    if (_label.startsWith('a damaged')) {
      // Damage a real cache: copy one in first.
      const db = new Database(file);
      db.exec('CREATE TABLE t (x); INSERT INTO t VALUES (1)');
      db.close();
    }
    spoil(file);
    const bytes = fs.readFileSync(file);
    const listing = () => fs.readdirSync(path.join(app.dir, 'cache')).sort();
    const filesBefore = listing();

    for (const [channel, input] of [
      ['portfolio:list', { profileId: id }],
      ['sync:start', { profileId: id }],
      ['followed:follow', { profileId: id, lines: ['923609016'] }],
    ] as const) {
      const env = await app.call(channel, input);
      expect(env.ok, channel).toBe(false);
      if (!env.ok) {
        expect(env.error.code).toBe('storage');
        expect(env.error.message).toMatch(/not a Symetrisk Desk (database|cache)|damaged|another program/i);
      }
    }
    expect(fs.readFileSync(file).equals(bytes)).toBe(true);
    expect(listing()).toEqual(filesBefore);

    // The way out: start a fresh cache; the refused file is kept beside it for support, never overwritten.
    const fresh = await app.call('sync:resetCache', { profileId: id });
    expect(fresh.ok, JSON.stringify(fresh)).toBe(true);
    const kept = (fresh as { value: { keptAs: string } }).value.keptAs;
    expect(fs.readFileSync(path.join(app.dir, 'cache', kept)).equals(bytes)).toBe(true);
    // A fresh cache follows nothing yet: the bank's customer list is imported again, then synced.
    expect((await app.call('followed:follow', { profileId: id, lines: sb.control.customerList(), source: 'import' })).ok).toBe(true);
    expect((await syncThroughBridge(app, id)).outcome).toBe('ok');
    expect(valueOf<unknown[]>(await app.call('portfolio:list', { profileId: id })).length).toBeGreaterThan(0);
  });
});

// ---- two processes on one data folder -----------------------------------------------------------------------

describe('two app processes on one data folder', () => {
  it('syncing the same profile at once: both complete (ok) with consistent data', async () => {
    const dir = tempDir('desk-two-');
    cleanups.push(() => fs.rmSync(dir, { recursive: true, force: true }));
    const { app, sb, id } = await setup({ dir });
    await app.close(); // the children own the folder now
    const tsx = path.resolve('node_modules/.bin/tsx');
    const child = () => {
      const p = spawn(tsx, ['tests/security/fixtures/sync-child.ts', app.dir, id], { env: { ...process.env, DESK_TEST_SECRET: sb.clientSecret }, stdio: ['pipe', 'pipe', 'pipe'] });
      let out = '';
      let err = '';
      p.stdout.on('data', (d: Buffer) => (out += d.toString()));
      p.stderr.on('data', (d: Buffer) => (err += d.toString()));
      const ready = new Promise<void>((r) => setImmediate(r));
      const exit = new Promise<{ code: number | null; out: string; err: string }>((r) => p.on('exit', (code) => r({ code, out, err })));
      return { p, ready, exit };
    };
    const a = child();
    const b = child();
    await Promise.all([a.ready, b.ready]);
    // Go at once: each child built its services first and waits on stdin.
    a.p.stdin.end('go\n');
    b.p.stdin.end('go\n');
    const results = await Promise.all([a.exit, b.exit]);
    const parsed = results.map((r) => {
      expect(r.code, r.err).toBe(0);
      return JSON.parse(r.out.trim().split('\n').at(-1)!) as { started: boolean; run?: { outcome: string; message: string | null }; error?: { code: string; message: string } };
    });
    // Both runs complete: write transactions take the write lock up front (BEGIN IMMEDIATE), so one writer waits
    // for the other (busy_timeout) instead of meeting "database is locked" when a deferred read upgrades to a write.
    for (const r of parsed) {
      expect(r.started, JSON.stringify(r)).toBe(true);
      expect(r.run!.outcome, JSON.stringify(r.run)).toBe('ok');
      expect(JSON.stringify(r.run)).not.toMatch(/locked|busy/i);
    }
    // One more sync (a single writer now) completes.
    const after = await makeSecurityApp({ dir, credentials: await (async () => {
      const c = new MemoryCredentialStore();
      await c.set(id, sb.clientSecret);
      return c;
    })() });
    cleanups.push(() => after.close());
    expect((await syncThroughBridge(after, id)).outcome).toBe('ok');
    await after.close();

    // Whatever happened, the cache is consistent: sound, no duplicate, and exactly the sandbox's truth.
    const file = path.join(app.dir, 'cache', `${id}.sqlite`);
    expect(integrity(file)).toBe('ok');
    const db = new Database(file, { readonly: true });
    try {
      const dupes = db.prepare('SELECT COUNT(*) AS n FROM (SELECT org_nr, item_id, content_hash FROM snapshots GROUP BY 1, 2, 3 HAVING COUNT(*) > 1)').get() as { n: number };
      expect(dupes.n).toBe(0);
      // Every approved borrower of the bank's customer list (the followed numbers), with all its data.
      const customers = new Set(sb.control.customerList());
      for (const t of sb.control.truth(sb.clientId).filter((x) => x.state === 'access_approved' && customers.has(x.orgNr))) {
        const n = db.prepare('SELECT COUNT(DISTINCT item_id) AS n FROM snapshots WHERE org_nr = ?').get(t.orgNr) as { n: number };
        expect(n.n, t.orgNr).toBe(t.accountingItems);
      }
    } finally {
      db.close();
    }
  }, 60_000);
});

// ---- keychain unavailable -----------------------------------------------------------------------------------

/** A keychain that can be switched off, as when the Secret Service is missing or the login keychain is locked. */
class SwitchableStore implements CredentialStore {
  readonly inner = new MemoryCredentialStore();
  available = true;
  private check(): void {
    if (!this.available) throw new AppError('keychain_unavailable', 'The system keychain is locked or not available. Unlock it (or start the keyring) and try again.');
  }
  async get(id: string) {
    this.check();
    return this.inner.get(id);
  }
  async set(id: string, s: string) {
    this.check();
    return this.inner.set(id, s);
  }
  async delete(id: string) {
    this.check();
    return this.inner.delete(id);
  }
}

describe('the keychain unavailable or locked', () => {
  it('gives a clear message where a secret is needed, and the cache still opens for review', async () => {
    const store = new SwitchableStore();
    const { app, id } = await setup({ credentials: store });
    expect((await syncThroughBridge(app, id)).outcome).toBe('ok');
    const rows = valueOf<unknown[]>(await app.call('portfolio:list', { profileId: id })).length;
    app.services.clients.forget(id); // as after a restart: no client (and no secret) in memory
    store.available = false;

    const test = valueOf<{ ok: boolean; problem: string; message: string }>(await app.call('connections:test', { profileId: id }));
    expect(test).toMatchObject({ ok: false, problem: 'keychain' });
    expect(test.message).toMatch(/keychain/i);
    const sync = await app.call('sync:start', { profileId: id });
    expect(sync).toMatchObject({ ok: false, error: { code: 'keychain_unavailable' } });
    expect(JSON.stringify(sync)).toMatch(/keychain/i);

    // Review works without the keychain: the list, a borrower, the profiles (with hasSecret unknown or kept).
    expect(valueOf<unknown[]>(await app.call('portfolio:list', { profileId: id })).length).toBe(rows);
    expect((await app.call('connections:list')).ok).toBe(true);
    expect((await app.call('sync:runs', { profileId: id })).ok).toBe(true);
  });
});

// ---- clock skew against token expiry ------------------------------------------------------------------------

describe('the local clock skewed against token expiry', () => {
  it.each([
    ['5 hours ahead', 5 * 3600_000],
    ['5 hours behind', -5 * 3600_000],
  ])('%s: tokens are renewed from expires_in on the local clock, and a token the server expired early is renewed once', async (_label, skew) => {
    let offset = skew;
    const { app, sb, id } = await setup({ clock: () => new Date(Date.now() + offset) }, { tokenTtlSeconds: 30, frozenClock: true });
    expect((await syncThroughBridge(app, id)).outcome).toBe('ok');
    const tokens = () => sb.control.stats().byEndpoint['POST /oauth2/token'] ?? Object.entries(sb.control.stats().byEndpoint).find(([k]) => /token/i.test(k))?.[1] ?? 0;
    const first = tokens();
    expect(first).toBeGreaterThanOrEqual(1);

    // The server's clock passes the token's lifetime while ours stands still: the API answers 401, we renew once.
    sb.control.advanceTime({ days: 0, seconds: 31, share: 0 });
    expect((await syncThroughBridge(app, id)).outcome).toBe('ok');
    expect(tokens()).toBe(first + 1);

    // Our clock jumps past the lifetime (expires_in counted locally): renewed before use, without a 401 first.
    offset += 60_000;
    sb.control.resetStats();
    expect((await syncThroughBridge(app, id)).outcome).toBe('ok');
    expect(tokens()).toBe(1);
    expect(sb.control.stats().byEndpoint).not.toHaveProperty('401');
  });
});
