import { afterEach, describe, expect, it } from 'vitest';
import type { FaultConfig } from '../../../electron/sandbox/index';
import { compareWithTruth, rig, type Rig } from './helpers';

let r: Rig | null = null;
afterEach(async () => {
  await r?.close();
  r = null;
});

/** Duplicates would show as two rows with the same (borrower, id, content) or the same (list, notification id). */
function duplicates(rg: Rig): number {
  const s = rg.cache.db.prepare('SELECT COUNT(*) AS n FROM (SELECT org_nr, item_id, content_hash FROM snapshots GROUP BY 1, 2, 3 HAVING COUNT(*) > 1)').get() as { n: number };
  const n = rg.cache.db.prepare('SELECT COUNT(*) AS n FROM (SELECT scope, id FROM notifications GROUP BY 1, 2 HAVING COUNT(*) > 1)').get() as { n: number };
  return s.n + n.n;
}

/**
 * Each fault mode: sync until a run completes (a 500 or a twice-refused token fails a borrower or the run, by
 * design; the next run picks it up), then the cache equals the sandbox's truth with nothing duplicated.
 */
const MODES: [string, FaultConfig, { pageSize?: number; settle?: boolean }?][] = [
  ['server errors (500/502/503)', { errorRate: 0.15 }],
  ['rate limiting with Retry-After in seconds', { rateLimit: { everyNth: 7, burst: 2, retryAfterSeconds: 1 } }],
  ['rate limiting with Retry-After as an HTTP date', { rateLimit: { everyNth: 7, burst: 2, retryAfterSeconds: 1, asHttpDate: true } }],
  ['malformed bodies', { malformedRate: 0.1 }],
  ['truncated bodies', { truncatedRate: 0.1 }],
  ['slow bodies', { slowBodyMs: 30 }],
  ['dropped connections', { dropRate: 0.1 }],
  ['early token expiry', { earlyTokenExpiryRate: 0.1 }],
  // A drift adds an item while the run reads, and its notification lands in lists read earlier in the run:
  // those are new data for the next run, which the `settle` run (drift happens once per listing) must bring in.
  ['page drift', { pageDrift: true }, { pageSize: 4, settle: true }],
];

describe('sync under sandbox faults: nothing lost, nothing duplicated', () => {
  for (const [name, faults, extra] of MODES) {
    it(name, async () => {
      r = await rig({ borrowers: 20, faults: { ...faults, seed: 5 } }, { pageSize: extra?.pageSize ?? 100 });
      const outcomes: string[] = [];
      for (let i = 0; i < 8; i++) {
        const run = await r.sync();
        outcomes.push(run.outcome);
        if (run.outcome === 'ok') break;
      }
      expect(outcomes.at(-1)).toBe('ok');
      if (extra?.settle) expect((await r.sync()).outcome).toBe('ok');
      const injected = r.sandbox.control.stats().faultsInjected;
      expect(Object.values(injected).reduce((a, b) => a + b, 0)).toBeGreaterThan(0);
      expect(compareWithTruth(r).mismatches).toEqual([]);
      expect(duplicates(r)).toBe(0);
      expect(r.cache.db.pragma('integrity_check', { simple: true })).toBe('ok');
    });
  }
});
