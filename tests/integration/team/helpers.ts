import type pg from 'pg';
import { parseTeamDatabaseUrl, type TeamDatabaseTarget } from '../../../electron/services/team/database-url';
import { teamPool } from '../../../electron/services/team/pg';
import type { SandboxControl } from '../../../electron/sandbox/index';
import type { PgCluster, Role } from './postgres';

/** A pool to one of the cluster's databases as a role (the writer by default), as the app builds it. */
export function poolFor(cluster: PgCluster, database: string, role: Role = cluster.writer): { pool: pg.Pool; target: TeamDatabaseTarget } {
  const target = parseTeamDatabaseUrl(cluster.url(database, role));
  return { pool: teamPool(target, { password: role.password, applicationName: 'desk tests' }), target };
}

/** What the team database holds, per borrower, against what the sandbox says is there (as compareWithTruth for a cache). */
export async function compareTeamWithTruth(db: pg.Pool | pg.ClientBase, sandbox: { control: SandboxControl }): Promise<{ mismatches: string[]; approved: number }> {
  const truth = sandbox.control.truth();
  const mismatches: string[] = [];
  const rels = new Map(
    (await db.query<{ org_nr: string; state: string }>('SELECT org_nr, state FROM desk.relationships')).rows.map((r) => [r.org_nr, r] as const),
  );
  const ids = new Map(
    (await db.query<{ org_nr: string; n: number }>('SELECT org_nr, count(DISTINCT item_id)::int AS n FROM desk.snapshots GROUP BY org_nr')).rows.map((r) => [r.org_nr, r.n] as const),
  );
  const notes = new Map(
    (await db.query<{ scope: string; n: number }>('SELECT scope, count(*)::int AS n FROM desk.notifications GROUP BY scope')).rows.map((r) => [r.scope, r.n] as const),
  );
  // The documented shape: the list carries no org numbers, so the followed numbers key the relationships; one the
  // bank does not follow stays unkeyed (and, as yet, is not kept in the team database).
  const followed = new Set((await db.query<{ org_nr: string }>('SELECT org_nr FROM desk.followed')).rows.map((r) => r.org_nr));
  let approved = 0;
  for (const t of truth) {
    const rel = rels.get(t.orgNr);
    if (!followed.has(t.orgNr)) {
      if (rel) mismatches.push(`${t.orgNr}: keyed although not followed`);
      continue;
    }
    if (!rel) {
      mismatches.push(`${t.orgNr}: missing relationship`);
      continue;
    }
    if (rel.state !== t.state) mismatches.push(`${t.orgNr}: state ${rel.state} != ${t.state}`);
    if (t.state !== 'access_approved') continue;
    approved++;
    if ((ids.get(t.orgNr) ?? 0) !== t.accountingItems) mismatches.push(`${t.orgNr}: items ${ids.get(t.orgNr) ?? 0} != ${t.accountingItems}`);
    if ((notes.get(t.orgNr) ?? 0) !== t.notifications) mismatches.push(`${t.orgNr}: notifications ${notes.get(t.orgNr) ?? 0} != ${t.notifications}`);
  }
  if (followed.size === 0) mismatches.push('the team database follows no number');
  const bank = sandbox.control.bankNotificationCount();
  if ((notes.get('bank') ?? 0) !== bank) mismatches.push(`bank notifications ${notes.get('bank') ?? 0} != ${bank}`);
  return { mismatches, approved };
}

/**
 * No half-written borrower: each fetched borrower's snapshots were all seen by its last fetch (their last_seen_at
 * is its last_fetched_at, the one transaction that wrote them), its latest snapshot is the newest of them, and
 * every relationship's change number is at or below the sequence's.
 */
export async function consistencyProblems(db: pg.Pool | pg.ClientBase): Promise<string[]> {
  const problems: string[] = [];
  const r = await db.query<{ org_nr: string; last_fetched_at: string | null; latest: number | null; newest: number | null; seen: string | null; n: number }>(`
    SELECT r.org_nr, r.last_fetched_at, r.latest_snapshot_key::int AS latest,
      (SELECT key::int FROM desk.snapshots s WHERE s.org_nr = r.org_nr ORDER BY snapshot_date DESC, fetched_at DESC, item_id DESC, key DESC LIMIT 1) AS newest,
      (SELECT max(last_seen_at) FROM desk.snapshots s WHERE s.org_nr = r.org_nr) AS seen,
      (SELECT count(*)::int FROM desk.snapshots s WHERE s.org_nr = r.org_nr) AS n
    FROM desk.relationships r`);
  for (const row of r.rows) {
    if (row.n === 0) continue;
    if (row.last_fetched_at === null) problems.push(`${row.org_nr}: snapshots without a fetch time`);
    else if (row.seen !== row.last_fetched_at) problems.push(`${row.org_nr}: snapshots last seen ${row.seen}, borrower fetched ${row.last_fetched_at}`);
    if (row.latest !== row.newest) problems.push(`${row.org_nr}: latest snapshot ${row.latest} is not the newest ${row.newest}`);
  }
  return problems;
}
