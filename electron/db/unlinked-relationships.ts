import type { UnlinkedRelationship } from '../../shared/contract/dto';
import type { Relationship as ApiRelationship } from '../../shared/symetrisk/schemas';
import type { Db } from './connection';

interface Row {
  relationship_id: string;
  state: string;
  name: string;
  borrower_contact_email: string | null;
  bank_contact_email: string | null;
  created_at: string | null;
  first_seen_at: string;
  last_seen_at: string;
}

function toDto(r: Row): UnlinkedRelationship {
  return {
    relationshipId: r.relationship_id,
    state: r.state,
    name: r.name,
    borrowerContactEmail: r.borrower_contact_email,
    bankContactEmail: r.bank_contact_email,
    createdAt: r.created_at,
    firstSeenAt: r.first_seen_at,
    lastSeenAt: r.last_seen_at,
  };
}

const COLUMNS = 'relationship_id, state, name, borrower_contact_email, bank_contact_email, created_at, first_seen_at, last_seen_at';

/**
 * Relationships of the bank's list that no org number is known for (the document's list carries none): kept so that
 * none is dropped, shown as not linked, and removed once a number is attached (or Symetrisk no longer lists them).
 */
export function unlinkedRelationshipsRepo(db: Db) {
  const upsert = db.prepare(`
    INSERT INTO unlinked_relationships (relationship_id, state, name, borrower_contact_email, bank_contact_email, created_at, raw, first_seen_at, last_seen_at)
    VALUES (@relationship_id, @state, @name, @borrower_contact_email, @bank_contact_email, @created_at, @raw, @now, @now)
    ON CONFLICT (relationship_id) DO UPDATE SET
      state = excluded.state, name = excluded.name, borrower_contact_email = excluded.borrower_contact_email,
      bank_contact_email = excluded.bank_contact_email, created_at = excluded.created_at, raw = excluded.raw,
      last_seen_at = excluded.last_seen_at`);
  const ids = db.prepare('SELECT relationship_id FROM unlinked_relationships').pluck();
  const keyed = db.prepare('SELECT 1 FROM relationships WHERE relationship_id = ? LIMIT 1').pluck();
  const remove = db.prepare('DELETE FROM unlinked_relationships WHERE relationship_id = ?');
  const get = db.prepare(`SELECT ${COLUMNS} FROM unlinked_relationships WHERE relationship_id = ?`);
  const all = db.prepare(`SELECT ${COLUMNS} FROM unlinked_relationships ORDER BY name COLLATE NOCASE, relationship_id`);
  const count = db.prepare('SELECT COUNT(*) FROM unlinked_relationships').pluck();
  return {
    /**
     * The list's unlinked relationships as the last complete read of it gave them: each stored or updated, and any
     * stored one it no longer holds removed (Symetrisk no longer lists it, or a number now keys it). Run inside a
     * transaction.
     */
    replaceAll(items: readonly { item: ApiRelationship; raw: unknown }[], now: string): void {
      const keep = new Set<string>();
      for (const { item, raw } of items) {
        // Linked meanwhile (a number attached while the sync read the list): it is no longer unlinked.
        if (keyed.get(item.relationshipId) !== undefined) continue;
        keep.add(item.relationshipId);
        upsert.run({
          relationship_id: item.relationshipId,
          state: item.relationshipState,
          name: item.borrowerCompanyName,
          borrower_contact_email: item.borrowerContactEmail,
          bank_contact_email: item.bankContactEmail,
          created_at: item.relationshipCreatedAt,
          raw: JSON.stringify(raw),
          now,
        });
      }
      for (const id of ids.all() as string[]) if (!keep.has(id)) remove.run(id);
    },
    /** A number was attached: the relationship is linked now. True when it was stored. */
    remove(relationshipId: string): boolean {
      return remove.run(relationshipId).changes > 0;
    },
    get(relationshipId: string): UnlinkedRelationship | null {
      const r = get.get(relationshipId) as Row | undefined;
      return r ? toDto(r) : null;
    },
    /** In name order. */
    all(): UnlinkedRelationship[] {
      return (all.all() as Row[]).map(toDto);
    },
    count(): number {
      return count.get() as number;
    },
  };
}
export type UnlinkedRelationshipsRepo = ReturnType<typeof unlinkedRelationshipsRepo>;
