import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { openCache } from '../../../electron/db/cache';
import { startSandbox, type Sandbox } from '../../../electron/sandbox/index';
import { runSync } from '../../../electron/services/sync/engine';
import { FIXED_NOW, newClient } from './helpers';

let sandbox: Sandbox | null = null;
let dir: string | null = null;
afterEach(async () => {
  await sandbox?.close();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
  sandbox = null;
  dir = null;
});

it('a sync killed with SIGKILL mid-accounting leaves a sound cache with no half borrower, and the next sync completes', async () => {
  // Latency keeps the child in the accounting phase long enough to be killed there.
  sandbox = await startSandbox({ seed: 13, borrowers: 24, now: FIXED_NOW, faults: { latencyMs: 15 } });
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'desk-crash-'));
  const file = path.join(dir, 'crash.sqlite');
  // The bank follows every number of its relationships: the documented list carries none, so they are looked up.
  const before = openCache('crash', file);
  for (const o of sandbox.control.orgNrs()) before.followed.add(o, 'import', FIXED_NOW.toISOString());
  before.close();
  const script = path.join(import.meta.dirname, 'fixtures', 'sync-child.ts');
  // Its own process group: npx starts tsx, which starts node; SIGKILL must reach the process that syncs, not only npx.
  const child = spawn('npx', ['tsx', script, sandbox.tokenUrl, sandbox.apiBaseUrl, sandbox.clientId, file], {
    stdio: ['pipe', 'pipe', 'inherit'],
    detached: true,
  });
  const killGroup = () => process.kill(-child.pid!, 'SIGKILL');
  child.stdin.end(sandbox.clientSecret);
  const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_code, signal) => resolve(signal)));

  // Wait on a condition: the child reports that three borrowers' accounting data are written.
  const killedAt = await new Promise<string>((resolve, reject) => {
    let buf = '';
    child.stdout.on('data', (chunk: Buffer) => {
      buf += chunk.toString();
      let i: number;
      while ((i = buf.indexOf('\n')) >= 0) {
        const line = buf.slice(0, i);
        buf = buf.slice(i + 1);
        const m = /^progress accounting (\d+)\/\d+$/.exec(line);
        if (m && Number(m[1]) >= 3) {
          killGroup();
          resolve(line);
        }
        if (line.startsWith('finished')) reject(new Error(`the child finished before it could be killed: ${line}`));
      }
    });
    child.on('exit', () => reject(new Error('the child exited before the accounting phase')));
  });
  expect(killedAt).toMatch(/accounting/);
  expect(await exited).toBe('SIGKILL');

  const cache = openCache('crash', file);
  try {
    expect(cache.db.pragma('integrity_check', { simple: true })).toBe('ok');
    // The killed run was closed as failed on reopening.
    expect(cache.syncRuns.last()?.outcome).toBe('failed');
    const truth = new Map(sandbox.control.truth().map((t) => [t.orgNr, t]));
    const rels = cache.relationships.all();
    const fetched = rels.filter((r) => r.last_fetched_at !== null);
    expect(fetched.length).toBeGreaterThanOrEqual(3);
    expect(fetched.length).toBeLessThan([...truth.values()].filter((t) => t.state === 'access_approved').length);
    for (const rel of rels) {
      const n = (cache.db.prepare('SELECT COUNT(DISTINCT item_id) AS n FROM snapshots WHERE org_nr = ?').get(rel.org_nr) as { n: number }).n;
      // All of a borrower or nothing.
      expect(n).toBe(rel.last_fetched_at ? truth.get(rel.org_nr)!.accountingItems : 0);
    }
    sandbox.control.setFaults({});
    const run = await runSync({ profileId: 'crash', cache, client: newClient(sandbox), clock: () => new Date() });
    expect(run.errors).toEqual([]);
    expect(run.outcome).toBe('ok');
    for (const [orgNr, t] of truth) {
      if (t.state !== 'access_approved') continue;
      const n = (cache.db.prepare('SELECT COUNT(DISTINCT item_id) AS n FROM snapshots WHERE org_nr = ?').get(orgNr) as { n: number }).n;
      expect(n).toBe(t.accountingItems);
    }
  } finally {
    cache.close();
  }
});
