import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  BASIS_CHOICES,
  COMPARISON_MODES,
  COVENANT_BASES,
  COVENANT_STATUSES,
  NOT_COMPUTABLE,
  NOT_COMPUTABLE_STATEMENT,
  IDENTITY_IDS,
  PERIOD_BASES,
  QUALITY_FLAG_CODES,
  RATIO_DEFINITIONS,
  RATIO_IDS,
  RULE_IDS,
} from '../../../../shared/analysis';
import { DOC_PATH, renderedDefinitions, withDefinitions } from './write-definitions';

const doc = readFileSync(DOC_PATH, 'utf8');

describe('docs/analysis.md', () => {
  it('holds the definitions exactly as the code renders them (regenerate with write-definitions.ts)', () => {
    expect(doc).toBe(withDefinitions(doc, renderedDefinitions()));
  });

  it('names every ratio, period, basis, mode, identity, flag, rule, covenant basis and status, and what cannot be computed', () => {
    const ids = [
      ...RATIO_IDS,
      ...PERIOD_BASES,
      ...BASIS_CHOICES,
      ...COMPARISON_MODES,
      ...IDENTITY_IDS,
      ...QUALITY_FLAG_CODES,
      ...RULE_IDS,
      ...COVENANT_BASES,
      ...COVENANT_STATUSES,
      ...NOT_COMPUTABLE.map((x) => x.id),
    ];
    for (const id of ids) expect(doc, id).toContain(`\`${id}\``);
    expect(doc).toContain(NOT_COMPUTABLE_STATEMENT.nb);
  });

  it('works its examples on the public document’s items, which reconcile to the cent', () => {
    // 2024 EBITDA 1 242 526,53 / revenue 13 163 978,27 = 9,44 %; every identity's difference 0,00
    expect(doc).toContain('1\u00a0242\u00a0526,53 / 13\u00a0163\u00a0978,27 = 9,44\u00a0%');
    expect(doc.match(/difference 0,00/g)).toHaveLength(8);
    // the LTM estimate of the 2025 YTD: 6 110 372,81 + 13 163 978,27 × 139 / 366 = 11 109 807,18
    expect(doc).toContain('Siste 12 mnd per 14.08.2025 (anslag): revenue 11\u00a0109\u00a0807,18');
  });

  it('carries every ratio definition in both languages', () => {
    for (const id of RATIO_IDS) {
      expect(doc).toContain(RATIO_DEFINITIONS[id].definition.en);
      expect(doc).toContain(RATIO_DEFINITIONS[id].definition.nb);
    }
  });
});
