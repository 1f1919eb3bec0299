import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { nullLogger } from '../../../../../electron/services/log';
import { CacheRegistry } from '../../../../../electron/services/portfolio/cache-registry';
import { PortfolioService } from '../../../../../electron/services/portfolio/portfolio-service';

let dir: string;
let caches: CacheRegistry;
let svc: PortfolioService;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'desk-pf-'));
  caches = new CacheRegistry((id) => path.join(dir, 'cache', `${id}.sqlite`));
  svc = new PortfolioService({ caches, clock: () => new Date('2026-01-01T00:00:00Z'), log: nullLogger });
});
afterEach(() => {
  caches.closeAll();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('PortfolioService', () => {
  it('answers an empty portfolio and refuses an unknown borrower', () => {
    expect(svc.list('p')).toEqual([]);
    expect(() => svc.borrower('p', '923609016')).toThrow(expect.objectContaining({ code: 'not_found', details: { reason: 'borrower_not_cached', orgNr: '923609016' } }));
    expect(() => svc.compare('p', '923609016', 1, 2, 'raw')).toThrow(expect.objectContaining({ details: expect.objectContaining({ reason: 'snapshot_not_of_borrower', which: 'a' }) }));
  });

  it('deletes a cache with its WAL files; lastSyncRun creates no file', () => {
    expect(caches.lastSyncRun('q')).toBeNull();
    expect(fs.existsSync(path.join(dir, 'cache', 'q.sqlite'))).toBe(false);
    svc.list('p');
    expect(caches.deleteCache('p')).toBe(true);
    expect(fs.readdirSync(path.join(dir, 'cache'))).toEqual([]);
  });
});
