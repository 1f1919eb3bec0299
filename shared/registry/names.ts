/**
 * Keying the documented relationship list (company names, no org numbers) to the registry: a name is normalised,
 * the registry's hits are ranked by how closely they match, each with why, and a proposal becomes a link only when
 * Symetrisk confirms it (GET /relationship/{orgNr} returns the same relationshipId). Never a link on a name alone.
 */
import { text, type LocalizedText } from '../analysis/text';
import { REGISTRY_LIMITS } from './defaults';

/** Legal forms recognised in a name, with every spelling seen ("A/S", "a.s.", "Aksjeselskap"). */
const LEGAL_FORMS: ReadonlyArray<[canonical: string, spellings: RegExp]> = [
  ['ASA', /^(asa|allmennaksjeselskap(et)?)$/],
  ['AS', /^(as|a\/s|a\.s\.?|aksjeselskap(et)?)$/],
  ['ANS', /^(ans|a\/n\/s)$/],
  ['DA', /^(da|d\/a)$/],
  ['SA', /^(sa|s\/a)$/],
  ['NUF', /^nuf$/],
];

export interface NormalisedName {
  /** The name without its legal form, lower case, punctuation removed, "&" read as "og", single spaces. */
  core: string;
  /** The legal form the name carries ("AS", "ASA"), or null. */
  legalForm: string | null;
}

function lower(s: string): string {
  return s.normalize('NFC').toLocaleLowerCase('nb').replace(/\s+/g, ' ').trim();
}

function legalFormOf(token: string): string | null {
  for (const [canonical, re] of LEGAL_FORMS) if (re.test(token)) return canonical;
  return null;
}

/** Punctuation becomes a space ("Nord-Bygg" and "Nord Bygg" stay apart from "Nordbygg": no guessing at joins). */
function stripPunctuation(s: string): string {
  return s
    .replace(/&/g, ' og ')
    .replace(/[\p{P}\p{S}]+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * Normalises a company name: case, punctuation, and the legal form at either end ("AS Nordlys", "Nordlys A/S").
 * "NORDLYS BYGG A/S" and "Nordlys Bygg AS" both give `{core: "nordlys bygg", legalForm: "AS"}`.
 */
export function normaliseName(name: string): NormalisedName {
  const tokens = lower(name).split(' ').filter((t) => t !== '');
  let legalForm: string | null = null;
  const last = tokens.length > 1 ? legalFormOf(tokens[tokens.length - 1]!) : null;
  if (last) {
    legalForm = last;
    tokens.pop();
  } else {
    const first = tokens.length > 1 ? legalFormOf(tokens[0]!) : null;
    if (first) {
      legalForm = first;
      tokens.shift();
    }
  }
  return { core: stripPunctuation(tokens.join(' ')), legalForm };
}

/**
 * How a registry name matches the relationship's name, closest first: identical; equal but for case and spacing;
 * equal once punctuation and the spelling of the legal form are set aside; equal in everything but the legal form.
 */
export const NAME_MATCHES = ['exact', 'case', 'punctuation', 'legal_form'] as const;
export type NameMatch = (typeof NAME_MATCHES)[number];

/** Null when the names do not match at any level (no fuzzy matching: a near miss is not proposed). */
export function nameMatch(query: string, candidate: string): NameMatch | null {
  if (query.trim() === candidate.trim()) return 'exact';
  if (lower(query) === lower(candidate)) return 'case';
  const q = normaliseName(query);
  const c = normaliseName(candidate);
  if (q.core === '' || q.core !== c.core) return null;
  return q.legalForm === c.legalForm ? 'punctuation' : 'legal_form';
}

export type ProposalReasonId =
  | 'exact_name'
  | 'same_ignoring_case'
  | 'same_ignoring_punctuation'
  | 'legal_form_differs'
  | 'legal_form_missing'
  | 'registry_form_differs'
  | 'deleted_unit'
  | 'only_candidate'
  | 'several_candidates';

export interface ProposalReason {
  id: ProposalReasonId;
  text: LocalizedText;
}

/** A registry hit to weigh: from a name search of Enhetsregisteret. */
export interface NameCandidateInput {
  orgNr: string;
  name: string;
  /** `deleted` for a unit with slettedato. */
  status: 'active' | 'deleted';
  /** Enhetsregisteret's organisasjonsform code ("AS"), or null. */
  orgFormCode: string | null;
}

export interface NameProposal {
  orgNr: string;
  name: string;
  match: NameMatch;
  /** 1 is the best proposal. */
  rank: number;
  reasons: ProposalReason[];
  /** Always true: a proposal is linked only after Symetrisk confirms it (see {@link linkConfirmation}). */
  needsConfirmation: true;
}

function matchReason(match: NameMatch): ProposalReason {
  switch (match) {
    case 'exact':
      return { id: 'exact_name', text: text('The registered name is exactly the name in Symetrisk.', 'Registrert navn er nøyaktig navnet i Symetrisk.') };
    case 'case':
      return {
        id: 'same_ignoring_case',
        text: text('The registered name is the same but for upper and lower case.', 'Registrert navn er det samme bortsett fra store og små bokstaver.'),
      };
    case 'punctuation':
      return {
        id: 'same_ignoring_punctuation',
        text: text(
          'The registered name is the same once punctuation and the spelling of the legal form are set aside.',
          'Registrert navn er det samme når tegnsetting og skrivemåten av selskapsformen ses bort fra.',
        ),
      };
    case 'legal_form':
      return {
        id: 'legal_form_differs',
        text: text('The name is the same, but the legal form in it differs.', 'Navnet er det samme, men selskapsformen i navnet er en annen.'),
      };
  }
}

/**
 * Ranks the registry's hits for one relationship name: only hits that match at some level, closest match first,
 * a live unit before a deleted one, then by name and org number; each with the reasons an analyst needs to
 * choose. A proposal is never a link (see {@link linkConfirmation}).
 */
export function rankNameCandidates(query: string, candidates: readonly NameCandidateInput[]): NameProposal[] {
  const q = normaliseName(query);
  const seen = new Set<string>();
  const matched = candidates.flatMap((c) => {
    if (seen.has(c.orgNr)) return [];
    seen.add(c.orgNr);
    const match = nameMatch(query, c.name);
    return match ? [{ c, match }] : [];
  });
  matched.sort(
    (a, b) =>
      NAME_MATCHES.indexOf(a.match) - NAME_MATCHES.indexOf(b.match) ||
      (a.c.status === b.c.status ? 0 : a.c.status === 'active' ? -1 : 1) ||
      a.c.name.localeCompare(b.c.name, 'nb') ||
      a.c.orgNr.localeCompare(b.c.orgNr),
  );
  return matched.map(({ c, match }, i) => {
    const reasons: ProposalReason[] = [matchReason(match)];
    const own = normaliseName(c.name);
    if (match === 'legal_form' && (q.legalForm === null || own.legalForm === null)) {
      reasons[0] = {
        id: 'legal_form_missing',
        text: text('The name is the same, but only one of them names a legal form.', 'Navnet er det samme, men bare det ene navnet har selskapsform.'),
      };
    }
    if (q.legalForm !== null && c.orgFormCode !== null && c.orgFormCode !== q.legalForm) {
      reasons.push({
        id: 'registry_form_differs',
        text: text(
          `The unit is registered as ${c.orgFormCode}, while the name in Symetrisk says ${q.legalForm}.`,
          `Enheten er registrert som ${c.orgFormCode}, mens navnet i Symetrisk sier ${q.legalForm}.`,
        ),
      });
    }
    if (c.status === 'deleted') {
      reasons.push({ id: 'deleted_unit', text: text('The unit is deleted in Enhetsregisteret.', 'Enheten er slettet i Enhetsregisteret.') });
    }
    reasons.push(
      matched.length === 1
        ? { id: 'only_candidate', text: text('It is the only match in the registry.', 'Det er det eneste treffet i registeret.') }
        : {
            id: 'several_candidates',
            text: text(`The registry has ${matched.length} matches; compare before choosing.`, `Registeret har ${matched.length} treff; sammenlign før du velger.`),
          },
    );
    return { orgNr: c.orgNr, name: c.name, match, rank: i + 1, reasons, needsConfirmation: true as const };
  });
}

/** The `navn` to search the registry with: the name without punctuation, within the API's 180 characters. */
export function nameSearchTerm(name: string): string {
  const cleaned = name.normalize('NFC').replace(/[\p{P}\p{S}]+/gu, ' ').replace(/\s+/g, ' ').trim();
  return cleaned.slice(0, REGISTRY_LIMITS.nameMaxLength).trim();
}

export type LinkConfirmation = { ok: true } | { ok: false; reason: 'no_relationship' | 'different_relationship' };

/**
 * Whether a proposed org number may be linked to a relationship: only when GET /relationship/{orgNr} answers with
 * the very relationshipId of the list entry. `fetched` is that answer, or null when Symetrisk has no relationship
 * with the org number.
 */
export function linkConfirmation(relationshipId: string, fetched: { relationshipId: string } | null): LinkConfirmation {
  if (fetched === null) return { ok: false, reason: 'no_relationship' };
  return fetched.relationshipId === relationshipId ? { ok: true } : { ok: false, reason: 'different_relationship' };
}
