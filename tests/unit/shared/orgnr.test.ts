import { expect, it } from 'vitest';
import { checkOrgNr, isValidOrgNr } from '../../../shared/orgnr';

it('is the one MOD11 rule the sync holds every server number to (finding 5)', () => {
  // The probe's forged number fails; the document's own placeholder passes and stays followable.
  expect(checkOrgNr('123456789')).toMatchObject({ ok: false, reason: 'bad_check_digit' });
  expect(isValidOrgNr('000000000')).toBe(true);
  for (const ok of ['923609016', '910000047', '920000002']) expect(isValidOrgNr(ok), ok).toBe(true);
  // A number from a server is taken only in its compact nine-digit form: no spaces, no look-alike digits.
  for (const bad of ['923 609 016', '９２３６０９０１６', '92360901', '9236090160', '', '923609016\n']) expect(isValidOrgNr(bad), JSON.stringify(bad)).toBe(false);
});
