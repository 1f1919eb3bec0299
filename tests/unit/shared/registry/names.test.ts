import { describe, expect, it } from 'vitest';
import { linkConfirmation, nameMatch, nameSearchTerm, normaliseName, rankNameCandidates, type NameCandidateInput } from '../../../../shared/registry/names';

const c = (orgNr: string, name: string, over: Partial<NameCandidateInput> = {}): NameCandidateInput => ({ orgNr, name, status: 'active', orgFormCode: 'AS', ...over });

describe('name normalisation', () => {
  it('sets case, punctuation and the spelling of the legal form aside', () => {
    expect(normaliseName('NORDLYS BYGG A/S')).toEqual({ core: 'nordlys bygg', legalForm: 'AS' });
    expect(normaliseName('  Nordlys   Bygg AS ')).toEqual({ core: 'nordlys bygg', legalForm: 'AS' });
    expect(normaliseName('Nordlys Bygg a.s.')).toEqual({ core: 'nordlys bygg', legalForm: 'AS' });
    expect(normaliseName('AS Nordlys Bygg')).toEqual({ core: 'nordlys bygg', legalForm: 'AS' });
    expect(normaliseName('Equinor Allmennaksjeselskap')).toEqual({ core: 'equinor', legalForm: 'ASA' });
    expect(normaliseName('Hansen & Sønner AS')).toEqual({ core: 'hansen og sønner', legalForm: 'AS' });
    expect(normaliseName('Bjørkeli-Bygg, AS').core).toBe('bjørkeli bygg');
    // A name that is only a form keeps it as its core.
    expect(normaliseName('AS')).toEqual({ core: 'as', legalForm: null });
  });

  it('matches at the closest level, never fuzzily', () => {
    expect(nameMatch('Nordlys Bygg AS', 'Nordlys Bygg AS')).toBe('exact');
    expect(nameMatch('Nordlys Bygg AS', 'NORDLYS BYGG AS')).toBe('case');
    expect(nameMatch('Nordlys Bygg A/S', 'NORDLYS BYGG AS')).toBe('punctuation');
    expect(nameMatch('Nordlys Bygg ASA', 'NORDLYS BYGG AS')).toBe('legal_form');
    expect(nameMatch('Nordlys Bygg', 'NORDLYS BYGG AS')).toBe('legal_form');
    expect(nameMatch('Nordlys Bygg AS', 'NORDLYS BYGG EIENDOM AS')).toBeNull();
    expect(nameMatch('Nordlys Byg AS', 'NORDLYS BYGG AS')).toBeNull();
  });

  it('searches with the name without punctuation, within 180 characters', () => {
    expect(nameSearchTerm('Hansen & Sønner, AS')).toBe('Hansen Sønner AS');
    expect(nameSearchTerm('x'.repeat(300))).toHaveLength(180);
  });
});

describe('ranking proposals', () => {
  it('proposes only matches, closest first, live before deleted, each with why', () => {
    const proposals = rankNameCandidates('Nordlys Bygg AS', [
      c('111111111', 'NORDLYS BYGG EIENDOM AS'),
      c('222222222', 'NORDLYS BYGG AS', { status: 'deleted' }),
      c('333333333', 'NORDLYS BYGG AS'),
      c('444444444', 'NORDLYS BYGG ASA', { orgFormCode: 'ASA' }),
      c('333333333', 'NORDLYS BYGG AS'),
    ]);
    expect(proposals.map((p) => [p.orgNr, p.match, p.rank])).toEqual([
      ['333333333', 'case', 1],
      ['222222222', 'case', 2],
      ['444444444', 'legal_form', 3],
    ]);
    expect(proposals.every((p) => p.needsConfirmation)).toBe(true);
    expect(proposals[0]!.reasons.map((r) => r.id)).toEqual(['same_ignoring_case', 'several_candidates']);
    expect(proposals[1]!.reasons.map((r) => r.id)).toContain('deleted_unit');
    expect(proposals[2]!.reasons.map((r) => r.id)).toEqual(['legal_form_differs', 'registry_form_differs', 'several_candidates']);
    expect(proposals[2]!.reasons[1]!.text.nb).toBe('Enheten er registrert som ASA, mens navnet i Symetrisk sier AS.');
  });

  it('says when it is the only match, and when only one name has a legal form', () => {
    const [only] = rankNameCandidates('Nordlys Bygg', [c('333333333', 'NORDLYS BYGG AS')]);
    expect(only!.reasons.map((r) => r.id)).toEqual(['legal_form_missing', 'only_candidate']);
    expect(rankNameCandidates('Nordlys Bygg AS', [c('1', 'SOMETHING ELSE AS')])).toEqual([]);
  });
});

describe('linking', () => {
  it('links only when Symetrisk returns the same relationshipId for the org number', () => {
    expect(linkConfirmation('rel-1', { relationshipId: 'rel-1' })).toEqual({ ok: true });
    expect(linkConfirmation('rel-1', { relationshipId: 'rel-2' })).toEqual({ ok: false, reason: 'different_relationship' });
    expect(linkConfirmation('rel-1', null)).toEqual({ ok: false, reason: 'no_relationship' });
  });
});
