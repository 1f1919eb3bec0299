import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LimitsService } from '../../../../../electron/services/limits/limits-service';
import { CacheRegistry } from '../../../../../electron/services/portfolio/cache-registry';
import { THRESHOLD_KEYS } from '../../../../../shared/analysis/limits';

let dir: string;
let caches: CacheRegistry;
let svc: LimitsService;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'desk-lim-'));
  caches = new CacheRegistry((id) => path.join(dir, 'cache', `${id}.sqlite`));
  svc = new LimitsService({ caches });
});
afterEach(() => {
  caches.closeAll();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('LimitsService', () => {
  it('answers every rule’s limit and switch, the defaults where nothing is stored', () => {
    const t = svc.thresholds('p');
    expect(Object.keys(t).sort()).toEqual([...THRESHOLD_KEYS].sort());
    expect(t).toMatchObject({ equity_ratio_min: 0.2, equity_ratio_min_enabled: 1, nibd_to_ebitda_max: 4 });
  });

  it('changes the limits and switches given and keeps the others, in the cache', () => {
    svc.setThresholds('p', { equity_ratio_min: 0.3 });
    const t = svc.setThresholds('p', { net_profit_min_enabled: 0 });
    expect(t).toMatchObject({ equity_ratio_min: 0.3, net_profit_min_enabled: 0, net_profit_min: 0, nibd_to_ebitda_max: 4 });
    caches.closeAll();
    expect(new LimitsService({ caches }).thresholds('p')).toEqual(t);
  });

  it('keeps the near-limit band with the thresholds (10 % until set) and refuses one out of range, changing nothing', () => {
    expect(svc.thresholds('p').near_limit_share).toBe(0.1);
    expect(svc.setThresholds('p', { near_limit_share: 0.05, equity_ratio_min: 0.25 })).toMatchObject({ near_limit_share: 0.05, equity_ratio_min: 0.25 });
    for (const bad of [0.51, -0.01]) {
      expect(() => svc.setThresholds('p', { near_limit_share: bad, equity_ratio_min: 0.3 })).toThrow(
        expect.objectContaining({ code: 'invalid_input', details: { reason: 'near_limit_out_of_range', value: bad, min: 0, max: 0.5 } }),
      );
    }
    caches.closeAll();
    expect(new LimitsService({ caches }).thresholds('p')).toMatchObject({ near_limit_share: 0.05, equity_ratio_min: 0.25 });
  });

  it('keeps a borrower’s covenants; null or none removes them', () => {
    expect(svc.setCovenants('p', '923609016', { equity_ratio_min: 0.1 })).toEqual({ equity_ratio_min: 0.1 });
    expect(svc.setCovenants('p', '923609016', {})).toBeNull();
    svc.setCovenants('p', '923609016', { equity_ratio_min: 0.1 });
    expect(svc.setCovenants('p', '923609016', null)).toBeNull();
  });
});
