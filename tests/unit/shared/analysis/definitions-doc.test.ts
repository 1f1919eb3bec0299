import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  COMPARISON_MODES,
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

  it('names every ratio, period, mode, identity, flag and rule', () => {
    for (const id of [...RATIO_IDS, ...PERIOD_BASES, ...COMPARISON_MODES, ...IDENTITY_IDS, ...QUALITY_FLAG_CODES, ...RULE_IDS]) {
      expect(doc, id).toContain(`\`${id}\``);
    }
  });

  it('carries every ratio definition in both languages', () => {
    for (const id of RATIO_IDS) {
      expect(doc).toContain(RATIO_DEFINITIONS[id].definition.en);
      expect(doc).toContain(RATIO_DEFINITIONS[id].definition.nb);
    }
  });
});
