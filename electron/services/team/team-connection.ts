/**
 * A desktop's team connection, before any replication: "Test connection" (log in with the read-only role, find a
 * team schema this version can read, a role that cannot write, and the bank) and "can the team database be
 * reached now" for the connection strip. Messages name hosts and causes, never the password.
 */
import { isAppError } from '../../../shared/contract';
import type { ConnectionState, ConnectionTestResult } from '../../../shared/contract/dto';
import { parseTeamDatabaseUrl } from './database-url';
import { TEAM_SCHEMA_VERSION, TEAM_WORKFLOW_SCHEMA } from './migrations';
import { teamDbError, teamPool } from './pg';
import { teamSchemaVersion } from './schema';

type Problem = NonNullable<ConnectionTestResult['problem']>;
type Step = ConnectionTestResult['steps'][number];

/** The failure's stable key (details.reason) for wording, from the error when it names one. */
function reasonOf(e: unknown, fallback: string): string {
  const r = isAppError(e) ? e.details?.['reason'] : undefined;
  return typeof r === 'string' ? r : fallback;
}

function problemOf(e: unknown): Problem {
  if (!isAppError(e)) return 'unexpected';
  if (e.code === 'auth_failed') return 'wrong_secret';
  if (e.code === 'offline') return 'network';
  return 'unexpected';
}

/** Runs the team connection's test with the role's password (from the keychain). */
export async function probeTeamDatabase(databaseUrl: string, password: string, opts: { timeoutMs?: number } = {}): Promise<ConnectionTestResult> {
  const steps: Step[] = [{ step: 'secret', ok: true, warning: false, message: 'The password of the database role is stored in the keychain.' }];
  const fail = (problem: Problem, step: Step['step'], reason: string, message: string): ConnectionTestResult => {
    steps.push({ step, ok: false, warning: false, message });
    return { ok: false, problem, reason, serverMessage: null, message, steps, warnings: [], bankName: null, bankOrgNr: null, scopes: [] };
  };
  let target;
  try {
    target = parseTeamDatabaseUrl(databaseUrl, { requireUser: true });
  } catch (e) {
    return fail('unexpected', 'database', reasonOf(e, 'team_database_url_invalid'), (e as Error).message);
  }
  const pool = teamPool(target, { password, applicationName: 'symetrisk-desk connection test', max: 1, connectTimeoutMs: opts.timeoutMs ?? 10_000 });
  try {
    let version: number;
    let canWrite: boolean;
    let canShare = false;
    try {
      version = await teamSchemaVersion(pool);
      canWrite =
        version > 0 &&
        (await pool.query<{ w: boolean }>("SELECT has_table_privilege(current_user, 'desk.relationships', 'INSERT, UPDATE, DELETE') AS w")).rows[0]!.w;
      // desk_analyst's grants are per column (team migration 0002): any column's INSERT is the right to share.
      if (version >= TEAM_WORKFLOW_SCHEMA && version <= TEAM_SCHEMA_VERSION) {
        canShare = (
          await pool.query<{ s: boolean }>(
            `SELECT bool_and(has_any_column_privilege(current_user, t, 'INSERT')) AS s
             FROM unnest(ARRAY['desk.note_versions', 'desk.watch_versions', 'desk.assignment_versions', 'desk.assessment_versions']) AS t`,
          )
        ).rows[0]!.s;
      }
    } catch (e) {
      const err = teamDbError(e, target, 'logging in');
      return fail(problemOf(err), 'database', reasonOf(err, 'team_login_failed'), err.message);
    }
    if (version === 0) {
      return fail('unexpected', 'database', 'team_not_set_up', 'The team database has not been set up yet: the bank’s team sync creates it on its first run.');
    }
    if (version > TEAM_SCHEMA_VERSION) {
      return fail('unexpected', 'database', 'team_schema_newer', `The team database was set up by a newer version of Symetrisk Desk (schema ${version}, this version knows ${TEAM_SCHEMA_VERSION}). Update the app.`);
    }
    if (canWrite) {
      return fail(
        'unexpected',
        'database',
        'team_role_can_write',
        `The role ${target.user ?? ''} may change the team database. A desktop connects with a read-only role (a member of desk_reader, docs/team.md), so that no desktop can alter the bank’s data.`,
      );
    }
    steps.push({ step: 'database', ok: true, warning: false, message: `Logged in to ${target.database} as ${target.user ?? ''} (read only, team schema ${version}).` });
    let bank: { name: string | null; scopes: string[] } | undefined;
    try {
      bank = (await pool.query<{ name: string | null; scopes: string[] }>('SELECT name, scopes FROM desk.bank')).rows[0];
    } catch (e) {
      const err = teamDbError(e, target, 'reading the bank');
      return fail(problemOf(err), 'self', reasonOf(err, 'team_bank_unreadable'), err.message);
    }
    if (!bank?.name) return fail('unexpected', 'self', 'team_bank_unknown', 'The team sync has not filled the team database yet: the bank is not known.');
    steps.push({ step: 'self', ok: true, warning: false, message: `The team database holds the portfolio of ${bank.name}.` });
    // Not a failure: a bank may want read-only desks. The analyst should know that what she writes stays here.
    const warnings: ConnectionTestResult['warnings'] = canShare
      ? []
      : [
          version < TEAM_WORKFLOW_SCHEMA
            ? {
                reason: 'team_workflow_not_set_up',
                message: 'The team database does not take the analysts’ notes and assessments yet (the bank’s team sync must be updated): what you write stays on this computer until it does.',
                values: {},
              }
            : {
                reason: 'team_role_cannot_share',
                message: `The role ${target.user ?? ''} may read the team database but not share notes and assessments (it is not a member of desk_analyst): what you write stays on this computer.`,
                values: { role: target.user ?? '' },
              },
        ];
    return {
      ok: true,
      problem: null,
      reason: null,
      serverMessage: null,
      message: `Connected to the team database of ${bank.name}.`,
      steps,
      warnings,
      bankName: bank.name,
      bankOrgNr: null,
      scopes: bank.scopes,
    };
  } finally {
    await pool.end().catch(() => undefined);
  }
}

/** Whether the team database answers now (a login and one query), for the connection strip. */
export async function checkTeamReachable(
  databaseUrl: string,
  password: string | undefined,
  opts: { timeoutMs?: number } = {},
): Promise<{ state: ConnectionState; reason: string | null; message: string }> {
  let target;
  try {
    target = parseTeamDatabaseUrl(databaseUrl, { requireUser: true });
  } catch (e) {
    return { state: 'failing', reason: reasonOf(e, 'team_database_url_invalid'), message: (e as Error).message };
  }
  const pool = teamPool(target, { password, applicationName: 'symetrisk-desk reachability', max: 1, connectTimeoutMs: opts.timeoutMs ?? 3_000 });
  try {
    await pool.query('SELECT 1');
    return { state: 'available', reason: null, message: `The team database ${target.database} answers.` };
  } catch (e) {
    const err = teamDbError(e, target, 'checking whether it answers');
    const state: ConnectionState = isAppError(err) && err.code === 'auth_failed' ? 'refused' : isAppError(err) && err.code === 'offline' ? 'unreachable' : 'failing';
    return { state, reason: reasonOf(err, state === 'refused' ? 'team_login_failed' : state === 'unreachable' ? 'team_unreachable' : 'team_failing'), message: err.message };
  } finally {
    await pool.end().catch(() => undefined);
  }
}
