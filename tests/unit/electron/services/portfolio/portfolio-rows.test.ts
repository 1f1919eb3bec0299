import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { nullLogger } from '../../../../../electron/services/log';
import { LimitsService } from '../../../../../electron/services/limits/limits-service';
import { CacheRegistry } from '../../../../../electron/services/portfolio/cache-registry';
import { PortfolioService } from '../../../../../electron/services/portfolio/portfolio-service';
import { buildPortfolioCache, type BuiltCache } from '../../../../fixtures/build-cache';

// The stored and remembered rows of the portfolio list (migration 0002) must always equal a fresh analysis.
let dir: string;
let built: BuiltCache;
let now: Date;
const registries: CacheRegistry[] = [];

function service(): { svc: PortfolioService; limits: LimitsService; caches: CacheRegistry } {
  const caches = new CacheRegistry(() => built.file);
  registries.push(caches);
  const svc = new PortfolioService({ caches, clock: () => now, log: nullLogger });
  return { svc, limits: new LimitsService({ caches }), caches };
}

/** The list as a service that never stored or remembered anything computes it. */
function fresh(basis?: 'ltm' | 'last_financial_year' | 'ytd' | 'annualised'): unknown {
  const { svc, caches } = service();
  caches.open('p').db.prepare('DELETE FROM portfolio_rows').run();
  return svc.list('p', basis ? { basis } : {});
}

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'desk-rows-'));
  built = buildPortfolioCache({ file: path.join(dir, 'cache.sqlite'), borrowers: 25, snapshots: 6, end: new Date('2026-06-01T12:00:00Z') });
  now = built.dataNow;
});
afterEach(() => {
  for (const r of registries.splice(0)) r.closeAll();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('portfolio rows', () => {
  it('are stored, and a restarted service reads them instead of analysing again', () => {
    const first = service().svc.list('p');
    expect(first).toHaveLength(25);
    const { svc, caches } = service();
    const stored = caches.open('p').db.prepare('SELECT COUNT(*) AS n FROM portfolio_rows').get() as { n: number };
    expect(stored.n).toBe(25);
    expect(svc.list('p')).toEqual(first);
    expect(fresh()).toEqual(first);
  });

  it('on every basis of the switch: one stored row per borrower serves them all, equal to a fresh analysis', () => {
    const first = service().svc.list('p');
    const { svc, caches } = service();
    for (const basis of ['ltm', 'last_financial_year', 'ytd', 'annualised'] as const) {
      const rows = svc.list('p', { basis });
      expect(rows.filter((r) => r.basis).every((r) => r.basis!.choice === basis)).toBe(true);
      expect(rows).toEqual(fresh(basis));
    }
    expect(svc.list('p')).toEqual(first);
    const stored = caches.open('p').db.prepare('SELECT COUNT(*) AS n FROM portfolio_rows').get() as { n: number };
    expect(stored.n).toBe(25);
  });

  it('with a limit: the first rows of the whole list, analysing only those, and the rest still listed after', () => {
    const whole = fresh() as { orgNr: string }[];
    const { svc, caches } = service();
    caches.open('p').db.prepare('DELETE FROM portfolio_rows').run();
    expect(svc.list('p', { limit: 10 })).toEqual(whole.slice(0, 10));
    const stored = caches.open('p').db.prepare('SELECT COUNT(*) AS n FROM portfolio_rows').get() as { n: number };
    expect(stored.n).toBe(10);
    expect(svc.list('p', { limit: 100 })).toEqual(whole);
    expect(svc.list('p', { limit: 5 })).toEqual(whole.slice(0, 5));
    expect(svc.list('p')).toEqual(whole);
  });

  it('follow the day: data age and the stale flag move without a new analysis', () => {
    const { svc } = service();
    svc.list('p');
    now = new Date(now.getTime() + 90 * 86_400_000);
    const later = svc.list('p');
    expect(later.some((r) => r.flags.includes('stale_data'))).toBe(true);
    expect(later).toEqual(fresh());
  });

  it('follow read notifications, covenants, lost access, new snapshots and thresholds', () => {
    const { svc, limits, caches } = service();
    const before = svc.list('p');
    const cache = caches.open('p');
    const a = before[0]!.orgNr;
    const b = before[1]!.orgNr;
    const c = before[2]!.orgNr;
    // The cache's first sync stored its history read: the analyst marks one unread again (and the row follows).
    const { key, read } = cache.db.prepare('SELECT key, read FROM notifications WHERE org_nr = ? LIMIT 1').get(a) as { key: number; read: number };
    cache.notifications.markRead([key], read === 0);
    limits.setCovenants('p', b, { equity_ratio_min: 0.99 });
    cache.relationships.markLost(c);
    const item = cache.snapshots.itemsOfBorrower(a).at(-1)!.item;
    cache.snapshots.put(a, { ...item, id: item.id + 1_000_000 }, { ...item, id: item.id + 1_000_000 }, now.toISOString());
    const after = svc.list('p');
    expect(after.find((r) => r.orgNr === a)!.unreadNotifications).toBe(before[0]!.unreadNotifications + (read === 0 ? -1 : 1));
    expect(after.find((r) => r.orgNr === b)!.breaches.some((x) => x.source === 'covenant')).toBe(true);
    expect(after.find((r) => r.orgNr === c)!.flags).toContain('lost');
    expect(after).toEqual(fresh());
    limits.setThresholds('p', { equity_ratio_min: 0.5 });
    expect(svc.list('p')).toEqual(fresh());
  });

  it('follow a rule switched off: its breaches go from every row, and come back when it is on again', () => {
    const { svc, limits } = service();
    const before = svc.list('p');
    const rule = before.flatMap((r) => r.breaches.map((b) => b.rule))[0]!;
    expect(rule).toBeDefined();
    limits.setThresholds('p', { [`${rule}_enabled`]: 0 });
    const off = svc.list('p');
    expect(off.flatMap((r) => r.breaches).filter((b) => b.rule === rule)).toEqual([]);
    expect(off).toEqual(fresh());
    limits.setThresholds('p', { [`${rule}_enabled`]: 1 });
    expect(svc.list('p')).toEqual(before);
  });

  it('are not taken from a cache that was replaced, even where row versions match', () => {
    const { svc, caches } = service();
    const before = svc.list('p');
    const a = before.find((r) => r.latest !== null)!.orgNr;
    // Another file where the cache was (as after "start a fresh cache"): the same borrower and row version, no data.
    const db = caches.open('p').db;
    const { row_version: v } = db.prepare('SELECT row_version FROM relationships WHERE org_nr = ?').get(a) as { row_version: number };
    db.prepare('DELETE FROM snapshots WHERE org_nr = ?').run(a);
    db.prepare('UPDATE relationships SET row_version = ? WHERE org_nr = ?').run(v, a);
    db.prepare('DELETE FROM portfolio_rows').run();
    caches.close('p');
    const after = svc.list('p');
    expect(after.find((r) => r.orgNr === a)!.latest).toBeNull();
    expect(after).toEqual(fresh());
  });
});
