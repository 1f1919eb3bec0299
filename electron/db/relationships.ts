import type { Relationship as RelationshipDto } from '../../shared/contract/dto';
import type { Relationship as ApiRelationship } from '../../shared/symetrisk/schemas';
import type { Db } from './connection';

export const APPROVED = 'access_approved';

export interface RelationshipRecord {
  org_nr: string;
  relationship_id: string | null;
  state: string;
  name: string;
  borrower_contact_email: string | null;
  bank_contact_email: string | null;
  created_at: string | null;
  lost: number;
  ever_approved: number;
  first_seen_at: string;
  last_seen_at: string | null;
  last_fetched_at: string | null;
  latest_snapshot_key: number | null;
  /** Moves whenever anything the borrower's portfolio row is computed from changes (migration 0002). */
  row_version: number;
}

export function toRelationshipDto(r: RelationshipRecord): RelationshipDto {
  return {
    orgNr: r.org_nr,
    relationshipId: r.relationship_id,
    state: r.state,
    name: r.name,
    borrowerContactEmail: r.borrower_contact_email,
    bankContactEmail: r.bank_contact_email,
    createdAt: r.created_at,
    lost: r.lost === 1,
    lastSeenAt: r.last_seen_at,
    lastFetchedAt: r.last_fetched_at,
  };
}

const COLUMNS =
  'org_nr, relationship_id, state, name, borrower_contact_email, bank_contact_email, created_at, lost, ever_approved, first_seen_at, last_seen_at, last_fetched_at, latest_snapshot_key, row_version';

/** The relationships table: one row per borrower ever seen; never deleted by a sync (a vanished one is marked lost). */
export function relationshipsRepo(db: Db) {
  const upsert = db.prepare(`
    INSERT INTO relationships (org_nr, relationship_id, state, name, borrower_contact_email, bank_contact_email, created_at, raw,
                               lost, ever_approved, first_seen_at, last_seen_at)
    VALUES (@org_nr, @relationship_id, @state, @name, @borrower_contact_email, @bank_contact_email, @created_at, @raw,
            @lost, @approved, @now, @now)
    ON CONFLICT (org_nr) DO UPDATE SET
      relationship_id = excluded.relationship_id, state = excluded.state, name = excluded.name,
      borrower_contact_email = excluded.borrower_contact_email, bank_contact_email = excluded.bank_contact_email,
      created_at = excluded.created_at, raw = excluded.raw, last_seen_at = excluded.last_seen_at,
      ever_approved = MAX(relationships.ever_approved, excluded.ever_approved),
      -- Lost: the access it once had is gone (a state other than approved after having been approved).
      lost = CASE WHEN excluded.state = '${APPROVED}' THEN 0 ELSE MAX(relationships.ever_approved, excluded.ever_approved) END`);
  const markLost = db.prepare('UPDATE relationships SET lost = 1 WHERE org_nr = ? AND lost = 0');
  const get = db.prepare(`SELECT ${COLUMNS} FROM relationships WHERE org_nr = ?`);
  const all = db.prepare(`SELECT ${COLUMNS} FROM relationships ORDER BY name COLLATE NOCASE, org_nr`);
  const setFetched = db.prepare('UPDATE relationships SET last_fetched_at = ? WHERE org_nr = ?');
  const setLatest = db.prepare(`
    UPDATE relationships SET latest_snapshot_key = (
      SELECT key FROM snapshots WHERE org_nr = @org_nr
      ORDER BY snapshot_date DESC, fetched_at DESC, item_id DESC, key DESC LIMIT 1)
    WHERE org_nr = @org_nr`);
  return {
    /** Stores what the API says about a relationship (any state string). */
    upsert(orgNr: string, item: ApiRelationship, raw: unknown, now: string): void {
      upsert.run({
        org_nr: orgNr,
        relationship_id: item.relationshipId,
        state: item.relationshipState,
        name: item.borrowerCompanyName,
        borrower_contact_email: item.borrowerContactEmail,
        bank_contact_email: item.bankContactEmail,
        created_at: item.relationshipCreatedAt,
        raw: JSON.stringify(raw),
        lost: 0,
        approved: item.relationshipState === APPROVED ? 1 : 0,
        now,
      });
    },
    /** The relationship vanished from Symetrisk; its data stays. True when it was not already marked. */
    markLost(orgNr: string): boolean {
      return markLost.run(orgNr).changes > 0;
    },
    get(orgNr: string): RelationshipRecord | undefined {
      return get.get(orgNr) as RelationshipRecord | undefined;
    },
    all(): RelationshipRecord[] {
      return all.all() as RelationshipRecord[];
    },
    setFetched(orgNr: string, at: string): void {
      setFetched.run(at, orgNr);
    },
    refreshLatest(orgNr: string): void {
      setLatest.run({ org_nr: orgNr });
    },
  };
}
export type RelationshipsRepo = ReturnType<typeof relationshipsRepo>;
