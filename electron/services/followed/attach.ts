import type { AttachOutcome } from '../../../shared/contract/dto';
import { checkOrgNr, formatOrgNr } from '../../../shared/orgnr';
import type { Cache } from '../../db/cache';
import type { SymetriskClient } from '../symetrisk/client';
import { checkItemSize } from '../sync/admission';
import { endpointLabel } from '../symetrisk/client';

export interface AttachDeps {
  cache: Cache;
  /** Only GET /relationship/{orgNr} is called. */
  client: Pick<SymetriskClient, 'relationship'>;
  now: () => string;
  signal?: AbortSignal;
}

/**
 * Attaches a candidate org number to a relationship of the bank's list that no number keys yet, and links it only
 * when Symetrisk confirms it: GET /relationship/{orgNr} must answer that very relationship (the same
 * relationshipId). Then, in one transaction, the relationship is stored under the number, the number is followed
 * (source `attached`) and the relationship leaves the unlinked list; the next sync brings its data.
 *
 * Whoever proposes the candidate (the analyst typing or pasting it, or a proposal by name from the registry) calls
 * this; a refusal is an outcome, not an error: `linked: false` with the reason (see AttachOutcome), and nothing is
 * stored. Throws only when Symetrisk could not be asked (offline, refused token, a broken answer), with its reason.
 */
export async function attachOrgNr(deps: AttachDeps, relationshipId: string, candidate: string): Promise<AttachOutcome> {
  const refused = (reason: string, message: string, extra: Partial<AttachOutcome> = {}): AttachOutcome => ({
    linked: false,
    relationshipId,
    orgNr: null,
    reason,
    message,
    answered: null,
    ...extra,
  });
  const check = checkOrgNr(candidate);
  if (!check.ok) return refused(check.reason, check.message, check.digits !== undefined ? { digits: check.digits } : {});
  const orgNr = check.orgNr;
  const { cache } = deps;
  const unlinked = cache.unlinked.get(relationshipId);
  if (!unlinked) {
    return refused('unlinked_not_found', 'There is no unlinked relationship with that id (it may have been linked already); nothing was linked.', { orgNr });
  }
  const existing = cache.relationships.get(orgNr);
  if (existing && existing.lost === 0 && existing.relationship_id !== null && existing.relationship_id !== relationshipId) {
    return refused('already_linked', `${formatOrgNr(orgNr)} is already linked to another relationship (${existing.name}); nothing was linked.`, {
      orgNr,
      answered: { relationshipId: existing.relationship_id, name: existing.name, state: existing.state },
    });
  }
  const answer = await deps.client.relationship(orgNr, { signal: deps.signal });
  if (!answer) {
    return refused('relationship_not_found', `Symetrisk has no relationship with ${formatOrgNr(orgNr)} for this bank; nothing was linked.`, { orgNr });
  }
  const item = answer.item;
  if (item.orgNr !== undefined && item.orgNr !== orgNr) {
    return refused('identity_mismatch', `Symetrisk's answer for ${formatOrgNr(orgNr)} is about another organisation number; nothing was linked.`, { orgNr });
  }
  if (item.relationshipId !== relationshipId) {
    return refused(
      'relationship_mismatch',
      `Symetrisk's relationship with ${formatOrgNr(orgNr)} is another one (${item.borrowerCompanyName}), not ${unlinked.name}; nothing was linked.`,
      { orgNr, answered: { relationshipId: item.relationshipId, name: item.borrowerCompanyName, state: item.relationshipState } },
    );
  }
  // What the cache keeps of an answer: its known fields, within the item cap (as the sync admits them).
  checkItemSize(item, endpointLabel('relationship'));
  const at = deps.now();
  cache.db
    .transaction(() => {
      cache.relationships.upsert(orgNr, item, item, at);
      cache.followed.add(orgNr, 'attached', at);
      cache.followed.setCheck({ orgNr, state: 'linked', reason: null, message: null }, at);
      cache.unlinked.remove(relationshipId);
    })
    .immediate();
  return { linked: true, relationshipId, orgNr, reason: null, message: `${formatOrgNr(orgNr)} is linked to ${item.borrowerCompanyName}.`, answered: null };
}
