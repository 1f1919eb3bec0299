/** Cache migration 0001: an empty file (the version before it is no schema at all) becomes the whole cache. */
import fs from 'node:fs';
import path from 'node:path';
import { expect, it } from 'vitest';
import { CACHE_SCHEMA } from '../../../../../electron/db/migrations';
import { objects, openAt, useTempDir, version } from '../helpers';

const tmp = useTempDir();

it('turns an empty file into schema 1: every table STRICT, foreign keys enforced', () => {
  const file = path.join(tmp(), 'p.sqlite');
  fs.writeFileSync(file, '');
  const db = openAt(file, CACHE_SCHEMA, 1);
  try {
    expect(version(db)).toBe(1);
    expect(objects(db, 'table')).toEqual(['access_requests', 'covenants', 'followed', 'notifications', 'relationships', 'snapshots', 'sync_runs', 'thresholds']);
    expect(objects(db, 'index')).toEqual([
      'access_requests_by_org_nr',
      'access_requests_by_requested_at',
      'notifications_by_created_at',
      'notifications_by_org_nr',
      'notifications_by_read',
      'relationships_by_relationship_id',
      'snapshots_by_org_nr',
    ]);
    // A snapshot of a borrower the cache does not know is refused.
    expect(() =>
      db.prepare("INSERT INTO snapshots (org_nr, item_id, content_hash, format_version, year, start_date, end_date, days_included, snapshot_date, fetched_at, origin, accounting_system, revenues, expenses, ebitda, ebit, interest_income, interest_expenses, taxes, depreciation, amortization, depreciation_and_amortization, other_financial_income, other_financial_expenses, net_profit, equity, interest_bearing_debt, net_interest_bearing_debt, total_assets, raw, first_seen_at, last_seen_at) VALUES ('923609016', 1, 'h', '1', 2025, 'a', 'b', 1, 'c', 'd', 'e', 'f', 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, '{}', 'x', 'y')").run(),
    ).toThrow(/FOREIGN KEY/);
    // STRICT: a figure that is not a number is refused, not stored as text.
    expect(() => db.prepare("INSERT INTO thresholds (key, value) VALUES ('equity_ratio_min', 'high')").run()).toThrow(/cannot store TEXT value in REAL column/);
  } finally {
    db.close();
  }
});
