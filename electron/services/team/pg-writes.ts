/**
 * The sync's writes (sync/cache-writes.ts) applied to the team database: the same rows and the same rules as
 * applyWrite does in the cache (relationships' lost and ever_approved, every version of a snapshot kept under its
 * contentHash, a notification's read state left alone, the borrower's latest snapshot and fetch time), one
 * statement per table with the rows as one JSON parameter, so a borrower is a handful of round trips however many
 * items it has. Run inside the caller's transaction.
 */
import type pg from 'pg';
import { contentHash } from '../../db/json-hash';
import { APPROVED } from '../../db/relationships';
import { FIGURE_COLUMNS, FLOW_COLUMNS, STOCK_COLUMNS } from '../../db/snapshots';
import type { CacheWrite } from '../sync/cache-writes';

const FIGURES = FIGURE_COLUMNS.join(', ');
const FIGURE_TYPES = FIGURE_COLUMNS.map((c) => `${c} double precision`).join(', ');

const UPSERT_RELATIONSHIPS = `
INSERT INTO desk.relationships AS r (org_nr, relationship_id, state, name, borrower_contact_email, bank_contact_email, created_at, raw,
                                     lost, ever_approved, first_seen_at, last_seen_at)
SELECT x.org_nr, x.relationship_id, x.state, x.name, x.borrower_contact_email, x.bank_contact_email, x.created_at, x.raw,
       false, x.state = '${APPROVED}', $2, $2
FROM jsonb_to_recordset($1::jsonb) AS x(org_nr text, relationship_id text, state text, name text, borrower_contact_email text,
                                         bank_contact_email text, created_at text, raw text)
ON CONFLICT (org_nr) DO UPDATE SET
  relationship_id = excluded.relationship_id, state = excluded.state, name = excluded.name,
  borrower_contact_email = excluded.borrower_contact_email, bank_contact_email = excluded.bank_contact_email,
  created_at = excluded.created_at, raw = excluded.raw, last_seen_at = excluded.last_seen_at,
  ever_approved = r.ever_approved OR excluded.ever_approved,
  -- Lost: the access it once had is gone (a state other than approved after having been approved).
  lost = CASE WHEN excluded.state = '${APPROVED}' THEN false ELSE r.ever_approved OR excluded.ever_approved END`;

const MARK_LOST = 'UPDATE desk.relationships SET lost = true WHERE org_nr = ANY($1::text[]) AND NOT lost';

const UPSERT_NOTIFICATIONS = `
INSERT INTO desk.notifications AS n (scope, org_nr, id, text, type, created_at, raw, first_seen_at)
SELECT $1, $2, x.id, x.text, x.type, x.created_at, x.raw, $3
FROM jsonb_to_recordset($4::jsonb) AS x(id bigint, text text, type text, created_at text, raw text)
ON CONFLICT (scope, id) DO UPDATE SET text = excluded.text, type = excluded.type, created_at = excluded.created_at, raw = excluded.raw
  -- Unchanged: no update, so no new change number and nothing for the replicas to copy again.
  WHERE (n.text, n.type, n.created_at, n.raw) IS DISTINCT FROM (excluded.text, excluded.type, excluded.created_at, excluded.raw)`;

const UPSERT_SNAPSHOTS = `
INSERT INTO desk.snapshots AS s (org_nr, item_id, content_hash, format_version, year, start_date, end_date, days_included,
  snapshot_date, fetched_at, origin, accounting_system, ${FIGURES}, raw, first_seen_at, last_seen_at)
SELECT $1, x.item_id, x.content_hash, x.format_version, x.year, x.start_date, x.end_date, x.days_included,
  x.snapshot_date, x.fetched_at, x.origin, x.accounting_system, ${FIGURE_COLUMNS.map((c) => `x.${c}`).join(', ')}, x.raw, $2, $2
FROM jsonb_to_recordset($3::jsonb) AS x(item_id bigint, content_hash text, format_version text, year integer, start_date text,
  end_date text, days_included integer, snapshot_date text, fetched_at text, origin text, accounting_system text, ${FIGURE_TYPES}, raw text)
ON CONFLICT (org_nr, item_id, content_hash) DO UPDATE SET last_seen_at = excluded.last_seen_at
-- xmax is 0 on a row this statement inserted, and set on one it updated: the count of new snapshots.
RETURNING (xmax = 0) AS inserted`;

const REFRESH_BORROWER = `
UPDATE desk.relationships SET
  latest_snapshot_key = (SELECT key FROM desk.snapshots WHERE org_nr = $1
                         ORDER BY snapshot_date DESC, fetched_at DESC, item_id DESC, key DESC LIMIT 1),
  last_fetched_at = $2
WHERE org_nr = $1`;

/** The last of each key wins, as it would when the rows were written one after the other. */
function lastByKey<T>(rows: readonly T[], key: (r: T) => string): T[] {
  return [...new Map(rows.map((r) => [key(r), r] as const)).values()];
}

/**
 * Writes one listing into the team database; returns what applyWrite returns in the cache: the relationships
 * stored, or the new notifications or snapshots. The caller holds the transaction.
 */
export async function applyTeamWrite(db: pg.ClientBase, w: CacheWrite): Promise<number> {
  if (w.kind === 'relationships') {
    const rows = lastByKey(w.upserts, (u) => u.orgNr).map((u) => ({
      org_nr: u.orgNr,
      relationship_id: u.item.relationshipId,
      state: u.item.relationshipState,
      name: u.item.borrowerCompanyName,
      borrower_contact_email: u.item.borrowerContactEmail,
      bank_contact_email: u.item.bankContactEmail,
      created_at: u.item.relationshipCreatedAt,
      raw: JSON.stringify(u.raw),
    }));
    if (rows.length) await db.query(UPSERT_RELATIONSHIPS, [JSON.stringify(rows), w.at]);
    if (w.lost.length) await db.query(MARK_LOST, [w.lost]);
    return w.upserts.length;
  }
  if (w.kind === 'notifications') {
    const rows = lastByKey(w.items, (f) => String(f.item.id)).map((f) => ({
      id: f.item.id,
      text: f.item.text,
      type: f.item.type,
      created_at: f.item.createdAt,
      raw: JSON.stringify(f.raw),
    }));
    if (rows.length) await db.query(UPSERT_NOTIFICATIONS, [w.scope, w.orgNr, w.at, JSON.stringify(rows)]);
    return w.added;
  }
  // All of a borrower's items, its latest snapshot and its fetch time, or nothing (the caller's transaction).
  const rows = lastByKey(
    w.items.map((f) => {
      const d = f.item.data;
      const row: Record<string, unknown> = {
        item_id: f.item.id,
        content_hash: contentHash(f.raw),
        format_version: d.symetrisk_real_time_accounts_format_version,
        year: d.year,
        start_date: d.start_date,
        end_date: d.end_date,
        days_included: d.days_included,
        snapshot_date: f.item.snapshotDate,
        fetched_at: f.item.fetchedAt,
        origin: f.item.origin,
        accounting_system: f.item.accountingSystem,
        raw: JSON.stringify(f.raw),
      };
      for (const c of FLOW_COLUMNS) row[c] = d.p_and_l_items[c];
      for (const c of STOCK_COLUMNS) row[c] = d.balance_items[c];
      return row;
    }),
    (r) => `${String(r['item_id'])}:${String(r['content_hash'])}`,
  );
  let added = 0;
  if (rows.length) {
    const r = await db.query<{ inserted: boolean }>(UPSERT_SNAPSHOTS, [w.orgNr, w.at, JSON.stringify(rows)]);
    added = r.rows.filter((x) => x.inserted).length;
  }
  await db.query(REFRESH_BORROWER, [w.orgNr, w.at]);
  return added;
}
