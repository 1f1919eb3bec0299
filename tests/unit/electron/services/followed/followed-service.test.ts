import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FollowedService } from '../../../../../electron/services/followed/followed-service';
import { CacheRegistry } from '../../../../../electron/services/portfolio/cache-registry';

let dir: string;
let caches: CacheRegistry;
let svc: FollowedService;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'desk-fw-'));
  caches = new CacheRegistry((id) => path.join(dir, 'cache', `${id}.sqlite`));
  svc = new FollowedService({ caches, clock: () => new Date('2026-01-01T00:00:00Z'), client: async () => ({ relationship: async () => null }) });
});
afterEach(() => {
  caches.closeAll();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('FollowedService', () => {
  it('follows the valid lines once, names each refused line with its reason, and unfollows', async () => {
    const r = svc.follow('p', ['923609016', 'nope', '', '923 609 016', '12 34'], 'import');
    expect(r.added).toEqual(['923609016']);
    expect(r.alreadyFollowed).toEqual([]);
    // The repeat on line 4 counts once and is not refused; the blank line is skipped.
    expect(r.rejected).toEqual([
      { line: 2, input: 'nope', reason: 'not_digits', message: expect.any(String) },
      { line: 5, input: '12 34', reason: 'wrong_length', message: expect.any(String), digits: 4 },
    ]);
    expect(svc.follow('p', ['923609016']).alreadyFollowed).toEqual(['923609016']);
    expect(await svc.list('p')).toEqual([
      { orgNr: '923609016', source: 'import', addedAt: '2026-01-01T00:00:00.000Z', name: null, relationshipState: null, check: null },
    ]);
    expect(svc.unfollow('p', ['923609016', '974760673'])).toBe(1);
    expect(await svc.list('p')).toEqual([]);
  });

  it('reads an imported list without storing anything', async () => {
    const parsed = await svc.parseImport('liste.csv', Buffer.from('Navn;Orgnr\nA;923 609 016\nB;974760673\n'));
    expect(parsed).toEqual({ lines: ['923 609 016', '974760673'], sheet: null, column: 'Orgnr' });
    expect(await svc.list('p')).toEqual([]);
  });
});
