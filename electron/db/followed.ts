import type { Followed, FollowedCheckState } from '../../shared/contract/dto';
import type { Db } from './connection';

export type FollowSource = 'typed' | 'import' | 'access_request' | 'attached' | 'customer_list';

/** The outcome of looking a followed number up at Symetrisk (GET /relationship/{orgNr}). */
export interface FollowedCheck {
  orgNr: string;
  state: FollowedCheckState;
  /** The stable key the renderer words: relationship_not_found, or the refusal's (api_refused with the API's key). */
  reason: string | null;
  /** Symetrisk's own words (cleaned), for a refusal. */
  message: string | null;
}

interface Row {
  orgNr: string;
  source: string;
  addedAt: string;
  checkState: FollowedCheckState | null;
  checkReason: string | null;
  checkMessage: string | null;
  checkedAt: string | null;
  name: string | null;
  relationshipState: string | null;
}

/** The register of followed org numbers: which borrowers to look up, since the API's list carries no numbers. */
export function followedRepo(db: Db) {
  const add = db.prepare('INSERT INTO followed (org_nr, source, added_at) VALUES (?, ?, ?) ON CONFLICT (org_nr) DO NOTHING');
  const remove = db.prepare('DELETE FROM followed WHERE org_nr = ?');
  const numbers = db.prepare('SELECT org_nr AS orgNr, source, added_at AS addedAt FROM followed ORDER BY added_at, org_nr');
  const all = db.prepare(`
    SELECT f.org_nr AS orgNr, f.source, f.added_at AS addedAt, f.check_state AS checkState, f.check_reason AS checkReason,
           f.check_message AS checkMessage, f.checked_at AS checkedAt, r.name, r.state AS relationshipState
    FROM followed f LEFT JOIN relationships r ON r.org_nr = f.org_nr
    ORDER BY f.added_at, f.org_nr`);
  const setCheck = db.prepare(
    'UPDATE followed SET check_state = @state, check_reason = @reason, check_message = @message, checked_at = @at WHERE org_nr = @orgNr',
  );
  const count = db.prepare('SELECT COUNT(*) FROM followed').pluck();
  return {
    /** True when the number was not followed before. */
    add(orgNr: string, source: FollowSource, now: string): boolean {
      return add.run(orgNr, source, now).changes > 0;
    },
    remove(orgNrs: readonly string[]): number {
      let n = 0;
      db.transaction(() => {
        for (const o of orgNrs) n += remove.run(o).changes;
      }).immediate();
      return n;
    },
    /** The numbers only, oldest first (what the sync looks up). */
    all(): { orgNr: string; source: string; addedAt: string }[] {
      return numbers.all() as { orgNr: string; source: string; addedAt: string }[];
    },
    /** The register as the Followed page shows it: each number with its last look-up and, once linked, its borrower. */
    list(): Followed[] {
      return (all.all() as Row[]).map((r) => ({
        orgNr: r.orgNr,
        source: r.source,
        addedAt: r.addedAt,
        name: r.name,
        relationshipState: r.relationshipState,
        check: r.checkState === null ? null : { state: r.checkState, reason: r.checkReason, message: r.checkMessage, checkedAt: r.checkedAt ?? r.addedAt },
      }));
    },
    /** Records a look-up's outcome on a followed number (a number not followed is left alone). */
    setCheck(c: FollowedCheck, at: string): void {
      setCheck.run({ ...c, at });
    },
    count(): number {
      return count.get() as number;
    },
  };
}
export type FollowedRepo = ReturnType<typeof followedRepo>;
