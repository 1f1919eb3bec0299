/** Rows of every kind a schema-1 cache holds, written with that version's columns, for the upgrade tests. */
import type { Db } from '../../../../../electron/db/connection';

export const A = '923609016';
export const B = '987654325';

export function seedV1(db: Db): void {
  const snapshot = db.prepare(`INSERT INTO snapshots (org_nr, item_id, content_hash, format_version, year, start_date, end_date, days_included,
    snapshot_date, fetched_at, origin, accounting_system, revenues, expenses, ebitda, ebit, interest_income, interest_expenses, taxes,
    depreciation, amortization, depreciation_and_amortization, other_financial_income, other_financial_expenses, net_profit, equity,
    interest_bearing_debt, net_interest_bearing_debt, total_assets, raw, first_seen_at, last_seen_at)
    VALUES (?, ?, ?, '1.0', 2025, '2025-01-01', '2025-06-30', 181, '2025-07-01', '2025-07-02T08:00:00Z', 'tripletex', 'Tripletex',
    1200000.5, 900000, 300000, 250000, 1000, 20000, 50000, 40000, 10000, 50000, 0, 0, 181000, 2000000, 800000, 650000, 5000000, ?, '2025-07-02T08:00:00Z', '2025-07-02T08:00:00Z')`);
  db.transaction(() => {
    db.prepare(`INSERT INTO relationships (org_nr, relationship_id, state, name, borrower_contact_email, bank_contact_email, created_at, raw, first_seen_at, last_seen_at, last_fetched_at)
      VALUES (?, 'r-1', 'access_approved', 'Aurora Glass AS', 'cfo@aurora.no', 'bank@bank.no', '2025-01-01T00:00:00.000000', '{"orgNr":"${A}"}', '2025-01-01', '2025-07-02', '2025-07-02'),
             (?, 'r-2', 'access_requested', 'Bryggen Bakeri AS', NULL, 'bank@bank.no', '2025-02-01T00:00:00.000000', NULL, '2025-02-01', NULL, NULL)`).run(A, B);
    const key = snapshot.run(A, 1, 'hash-1', '{"id":1}').lastInsertRowid;
    db.prepare('UPDATE relationships SET latest_snapshot_key = ? WHERE org_nr = ?').run(key, A);
    db.prepare(`INSERT INTO notifications (scope, org_nr, id, text, type, created_at, raw, read, first_seen_at) VALUES
      (?, ?, 1, 'Nye regnskapstall', 'information', '2025-07-01T10:00:00.000000', '{}', 0, '2025-07-02'),
      ('bank', NULL, 1, 'Ny låntaker', 'information', '2025-06-01T10:00:00.000000', '{}', 1, '2025-07-02')`).run(A, A);
    db.prepare("INSERT INTO followed (org_nr, source, added_at) VALUES (?, 'typed', '2025-03-01')").run(B);
    db.prepare(`INSERT INTO access_requests (org_nr, requested_at, bank_contact_email, success, message, signup_link, signup_link_expires_at, raw)
      VALUES (?, '2025-02-01', 'bank@bank.no', 1, '', 'https://www.symetrisk.com/signup?x=1', '2025-03-01', '{}')`).run(B);
    db.prepare("INSERT INTO sync_runs (started_at, ended_at, outcome, requests, borrowers_synced) VALUES ('2025-07-02T08:00:00Z', '2025-07-02T08:01:00Z', 'ok', 7, 1)").run();
    db.prepare("INSERT INTO thresholds (key, value) VALUES ('equity_ratio_min', 0.15)").run();
    db.prepare("INSERT INTO covenants (org_nr, key, value) VALUES (?, 'equity_ratio_min', 0.3)").run(A);
  })();
}
