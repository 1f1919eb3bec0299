import { describe, expect, it } from 'vitest';
import { checkClassification, classificationLabel, CLASSIFICATION_MAX_LENGTH } from '../../../shared/classification';

describe('the classification label', () => {
  it('keeps a label the analyst typed, trimmed, up to the footer’s room', () => {
    expect(checkClassification('  Fortrolig – underlagt taushetsplikt ')).toEqual({ ok: true, label: 'Fortrolig – underlagt taushetsplikt' });
    expect(checkClassification('Å'.repeat(CLASSIFICATION_MAX_LENGTH))).toMatchObject({ ok: true });
  });

  it('refuses an empty, an over-long and a multi-line label, each with its reason and the numbers its wording needs', () => {
    expect(checkClassification('   ')).toMatchObject({ ok: false, reason: 'classification_empty' });
    // Counted in characters as the analyst sees them, not UTF-16 units.
    expect(checkClassification('😀'.repeat(CLASSIFICATION_MAX_LENGTH))).toMatchObject({ ok: true });
    expect(checkClassification('x'.repeat(CLASSIFICATION_MAX_LENGTH + 1))).toEqual({
      ok: false,
      reason: 'classification_too_long',
      max: CLASSIFICATION_MAX_LENGTH,
      length: CLASSIFICATION_MAX_LENGTH + 1,
    });
    for (const bad of ['Fortrolig\nIntern', 'Fortrolig\tIntern', 'Fortrolig\u0007']) {
      expect(checkClassification(bad)).toMatchObject({ ok: false, reason: 'classification_control_characters' });
    }
  });

  it('prints the default word of the export’s language when none is set', () => {
    expect(classificationLabel(null, 'nb')).toBe('Fortrolig');
    expect(classificationLabel(null, 'en')).toBe('Confidential');
    expect(classificationLabel('Strengt fortrolig', 'en')).toBe('Strengt fortrolig');
    // A stored value that no longer passes (written by another version) never reaches a footer.
    expect(classificationLabel('a\nb', 'nb')).toBe('Fortrolig');
  });
});
