/**
 * The bank's followed numbers in the team database (desk.followed): the org numbers the team sync looks up one by
 * one when Symetrisk's relationship list carries none. The same line rules as the desktop's register
 * (shared/orgnr-lines.ts: MOD11, duplicates) and the same file import (followed/import-file.ts); written as the
 * role that owns schema desk (the team sync's), all lines of one call in one transaction, so a refused line or a
 * failure stores nothing half.
 */
import type pg from 'pg';
import { AppError } from '../../../shared/contract';
import type { FollowResult } from '../../../shared/contract/dto';
import { checkOrgNrLines, type OrgNrLineCheck } from '../../../shared/orgnr-lines';
import type { TeamDatabaseTarget } from './database-url';
import { teamDbError } from './pg';
import { migrateTeamDatabase } from './schema';

export type TeamFollowSource = 'typed' | 'import';

export interface TeamUnfollowResult {
  removed: string[];
  notFollowed: string[];
  rejected: FollowResult['rejected'];
}

type Target = Pick<TeamDatabaseTarget, 'host' | 'port' | 'database'>;

function rejection(c: OrgNrLineCheck): FollowResult['rejected'][number] {
  return { line: c.line, input: c.input, reason: c.reason ?? 'not_digits', message: c.message, ...(c.digits !== undefined ? { digits: c.digits } : {}) };
}

/** The lines' valid numbers (a repeated one once) and the refused lines, as the desktop's follow splits them. */
function split(lines: readonly string[]): { numbers: string[]; rejected: FollowResult['rejected'] } {
  const numbers: string[] = [];
  const rejected: FollowResult['rejected'] = [];
  for (const c of checkOrgNrLines(lines)) {
    if (c.reason === 'duplicate') continue; // the first occurrence already counts
    if (c.ok && c.orgNr) numbers.push(c.orgNr);
    else rejected.push(rejection(c));
  }
  return { numbers, rejected };
}

export interface TeamFollowedOptions {
  pool: pg.Pool;
  target: Target;
  appVersion: string;
  /** The API client id of the bank's profile: a database filled for another client is refused, as by the team sync. */
  clientId: string;
}

async function inTransaction<T>(o: TeamFollowedOptions, doing: string, body: (c: pg.PoolClient) => Promise<T>): Promise<T> {
  const { pool, target } = o;
  let c: pg.PoolClient;
  try {
    c = await pool.connect();
  } catch (e) {
    throw teamDbError(e, target, 'connecting');
  }
  try {
    // A bank may list its numbers before the first team sync: the schema is created (or brought up to date) as the sync would.
    try {
      await migrateTeamDatabase(c, { appVersion: o.appVersion });
    } catch (e) {
      throw teamDbError(e, target, 'bringing the team schema up to date');
    }
    await c.query('BEGIN');
    try {
      // One database, one bank: the numbers of one API client's portfolio never go into another's.
      const bank = await c.query<{ client_id: string }>('SELECT client_id FROM desk.bank');
      const stored = bank.rows[0]?.client_id;
      if (stored !== undefined && stored !== o.clientId) {
        throw new AppError(
          'conflict',
          'This team database is filled for another Symetrisk API client (another bank, or the bank’s other client). Use the profile of the client it was filled with.',
          { reason: 'team_database_other_client', database: target.database },
        );
      }
      const out = await body(c);
      await c.query('COMMIT');
      return out;
    } catch (e) {
      await c.query('ROLLBACK').catch(() => undefined);
      throw teamDbError(e, target, doing);
    }
  } finally {
    c.release();
  }
}

/**
 * Follows the valid lines in the team database, in one transaction; each refused line comes back with its reason
 * (the same result as the desktop's followed:follow). A number already followed keeps its source and date.
 */
export async function teamFollow(o: TeamFollowedOptions & { clock: () => Date }, lines: readonly string[], source: TeamFollowSource): Promise<FollowResult> {
  const { numbers, rejected } = split(lines);
  const at = o.clock().toISOString();
  return inTransaction(o, 'following the numbers', async (c) => {
    const r = await c.query<{ org_nr: string }>(
      `INSERT INTO desk.followed (org_nr, source, added_at) SELECT n, $2, $3 FROM unnest($1::text[]) AS n
       ON CONFLICT (org_nr) DO NOTHING RETURNING org_nr`,
      [numbers, source, at],
    );
    const added = new Set(r.rows.map((x) => x.org_nr));
    return { added: numbers.filter((n) => added.has(n)), alreadyFollowed: numbers.filter((n) => !added.has(n)), rejected };
  });
}

/**
 * Stops following the valid lines' numbers in the team database. What the team sync fetched of those borrowers
 * stays (the desktop's unfollow keeps the cached data too); refused lines come back with their reason.
 */
export async function teamUnfollow(o: TeamFollowedOptions, lines: readonly string[]): Promise<TeamUnfollowResult> {
  const { numbers, rejected } = split(lines);
  return inTransaction(o, 'removing followed numbers', async (c) => {
    const r = await c.query<{ org_nr: string }>('DELETE FROM desk.followed WHERE org_nr = ANY($1::text[]) RETURNING org_nr', [numbers]);
    const removed = new Set(r.rows.map((x) => x.org_nr));
    return { removed: numbers.filter((n) => removed.has(n)), notFollowed: numbers.filter((n) => !removed.has(n)), rejected };
  });
}
