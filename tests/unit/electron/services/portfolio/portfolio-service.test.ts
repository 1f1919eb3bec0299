import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { nullLogger } from '../../../../../electron/services/log';
import { CacheRegistry } from '../../../../../electron/services/portfolio/cache-registry';
import { PortfolioService, validateLines } from '../../../../../electron/services/portfolio/portfolio-service';

let dir: string;
let caches: CacheRegistry;
let svc: PortfolioService;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'desk-pf-'));
  caches = new CacheRegistry((id) => path.join(dir, 'cache', `${id}.sqlite`));
  svc = new PortfolioService({
    caches,
    clock: () => new Date('2026-01-01T00:00:00Z'),
    log: nullLogger,
    client: async () => {
      throw new Error('no network in this test');
    },
  });
});
afterEach(() => {
  caches.closeAll();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('validateLines', () => {
  it('gives each line its reason and skips blank lines', () => {
    const r = validateLines(['923 609 016', '', '92360901', '923609017', 'abc', '923-609-016']);
    expect(r.map((x) => [x.line, x.ok, x.reason])).toEqual([
      [1, true, null],
      [3, false, 'wrong_length'],
      [4, false, 'bad_check_digit'],
      [5, false, 'not_digits'],
      [6, false, 'duplicate'],
    ]);
  });
});

describe('PortfolioService', () => {
  it('follows and unfollows numbers with per-line validation', () => {
    const r = svc.follow('p', ['923609016', 'nope', '923609016']);
    expect(r.added).toEqual(['923609016']);
    expect(r.rejected).toHaveLength(1);
    expect(svc.follow('p', ['923609016']).alreadyFollowed).toEqual(['923609016']);
    expect(svc.followed('p').map((f) => f.orgNr)).toEqual(['923609016']);
    expect(svc.unfollow('p', ['923609016'])).toBe(1);
  });

  it('keeps thresholds and covenants', () => {
    const t = svc.setThresholds('p', { equity_ratio_min: 0.3, net_profit_min_enabled: 0 });
    expect(t.equity_ratio_min).toBe(0.3);
    expect(t.net_profit_min_enabled).toBe(0);
    expect(svc.thresholds('p').nibd_to_ebitda_max).toBe(4);
    expect(svc.setCovenants('p', '923609016', { equity_ratio_min: 0.1 })).toEqual({ equity_ratio_min: 0.1 });
    expect(svc.setCovenants('p', '923609016', null)).toBeNull();
  });

  it('answers an empty portfolio and refuses an unknown borrower', () => {
    expect(svc.list('p')).toEqual([]);
    expect(() => svc.borrower('p', '923609016')).toThrow(/not in the cache/);
  });

  it('deletes a cache with its WAL files; lastSyncRun creates no file', () => {
    expect(caches.lastSyncRun('q')).toBeNull();
    expect(fs.existsSync(path.join(dir, 'cache', 'q.sqlite'))).toBe(false);
    svc.list('p');
    expect(caches.deleteCache('p')).toBe(true);
    expect(fs.readdirSync(path.join(dir, 'cache'))).toEqual([]);
  });
});
