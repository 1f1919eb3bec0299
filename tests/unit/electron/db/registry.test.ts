import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../../../electron/db/connection';
import { registryRepo } from '../../../../electron/db/registry';
import { REGISTRY_LIMITS } from '../../../../shared/registry/defaults';
import { filedAccountsFrom, unitFromEnhet, unitFromGone } from '../../../../shared/registry/facts';
import { Enhet, RegnskapList } from '../../../../shared/registry/schemas';
import { EQUINOR_ENHET, EQUINOR_REGNSKAP } from '../../../fixtures/brreg-examples';

let dir: string;
let db: Db;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'desk-registry-'));
  db = openDatabase(path.join(dir, 'c.sqlite'));
});
afterEach(() => {
  if (db.open) db.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const unit = () => unitFromEnhet(Enhet.parse(EQUINOR_ENHET), '2026-10-10T12:00:00.000Z');
const filing = (publishedAt = '2025-04-01T08:00:00.000Z') =>
  filedAccountsFrom(RegnskapList.parse(EQUINOR_REGNSKAP)[0]!, '2026-10-10T12:00:00.000Z', { at: publishedAt, source: 'feed' });

describe('registry repository', () => {
  it('stores a unit and gives back the same facts, with the answer as received', () => {
    const repo = registryRepo(db);
    repo.putUnit(unit(), EQUINOR_ENHET);
    expect(repo.unit('923609016')).toEqual(unit());
    expect(repo.raw('923609016')).toEqual({ raw: EQUINOR_ENHET, size: JSON.stringify(EQUINOR_ENHET).length });
    expect(repo.units(['111111111', '923609016']).map((u) => u.orgNr)).toEqual(['923609016']);
    expect(repo.unit('111111111')).toBeNull();
  });

  it('keeps only the size of an answer longer than the cap', () => {
    const repo = registryRepo(db);
    const huge = { ...EQUINOR_ENHET, aktivitet: ['x'.repeat(REGISTRY_LIMITS.rawMaxChars)] };
    repo.putUnit(unit(), huge);
    expect(repo.raw('923609016')).toEqual({ raw: null, size: JSON.stringify(huge).length });
    expect(repo.unit('923609016')?.name).toBe('EQUINOR ASA');
  });

  it('keeps every filing per year, and the earliest filing date the feed gave', () => {
    const repo = registryRepo(db);
    repo.putAccounts(filing(), EQUINOR_REGNSKAP[0]);
    repo.putAccounts({ ...filing(), year: 2023, periodFrom: '2023-01-01', periodTo: '2023-12-31' }, null);
    expect(repo.accounts('923609016').map((a) => a.year)).toEqual([2024, 2023]);
    expect(repo.accountsOfYear('923609016', 2024)).toEqual(filing());
    repo.putFilingDate('923609016', 2024, '2025-04-02T00:00:00.000Z');
    repo.putFilingDate('923609016', 2024, '2025-03-30T00:00:00.000Z');
    repo.putFilingDate('923609016', 2024, '2025-05-01T00:00:00.000Z');
    expect(repo.filingDate('923609016', 2024)).toBe('2025-03-30T00:00:00.000Z');
  });

  it('purges a removed unit: filings, filing dates and checks go, a tombstone stays', () => {
    const repo = registryRepo(db);
    repo.putUnit(unit(), EQUINOR_ENHET);
    repo.putAccounts(filing(), EQUINOR_REGNSKAP[0]);
    repo.putFilingDate('923609016', 2024, '2025-04-01T00:00:00.000Z');
    repo.putCheck({ orgNr: '923609016', what: 'accounts', outcome: 'filed', forYear: 2025, layout: null, reason: null, message: null, checkedAt: 'x' });
    repo.purge(unitFromGone('923609016', { organisasjonsnummer: '923609016', slettedato: '2026-09-28' }, '2026-10-10T12:00:00.000Z'));
    expect(repo.unit('923609016')).toMatchObject({ status: 'removed', name: null, deletedDate: '2026-09-28', nace: [] });
    expect(repo.raw('923609016')).toEqual({ raw: null, size: 0 });
    expect(repo.accounts('923609016')).toEqual([]);
    expect(repo.filingDate('923609016', 2024)).toBeNull();
    expect(repo.checks()).toEqual([]);
  });

  it('records the last look-up per borrower and kind, and the feed cursor', () => {
    const repo = registryRepo(db);
    const check = { orgNr: '923609016', what: 'unit' as const, outcome: 'failed' as const, forYear: null, layout: null, reason: 'registry_not_json', message: 'm'.repeat(900), checkedAt: 'a' };
    repo.putCheck(check);
    expect(repo.check('923609016', 'unit')).toEqual({ ...check, message: 'm'.repeat(500) });
    repo.putCheck({ ...check, outcome: 'ok', reason: null, message: null, checkedAt: 'b' });
    expect(repo.checks()).toHaveLength(1);
    expect(repo.cursor()).toBeNull();
    repo.setCursor({ nextUpdateId: null, since: '2026-10-10T11:00:00.000Z', updatedAt: 'x' });
    repo.setCursor({ nextUpdateId: 21000245, since: null, updatedAt: 'y' });
    expect(repo.cursor()).toEqual({ nextUpdateId: 21000245, since: null, updatedAt: 'y' });
  });

  it('refuses a status the schema does not know, leaving the row as it was', () => {
    const repo = registryRepo(db);
    repo.putUnit(unit(), EQUINOR_ENHET);
    expect(() => repo.putUnit({ ...unit(), status: 'gone' as never }, null)).toThrow(/CHECK/);
    expect(repo.unit('923609016')?.status).toBe('active');
  });
});
