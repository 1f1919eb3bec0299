import { describe, expect, it } from 'vitest';
import { checkOrgNrLines, splitOrgNrText } from '../../../shared/orgnr-lines';

describe('checkOrgNrLines', () => {
  it('gives each line its reason, counts lines from 1 and skips blank ones', () => {
    const r = checkOrgNrLines(['923 609 016', '', '92360901', '923609017', 'abc', '923-609-016', '  923.609.016  ']);
    expect(r.map((x) => [x.line, x.ok, x.reason, x.orgNr])).toEqual([
      [1, true, null, '923609016'],
      [3, false, 'wrong_length', null],
      [4, false, 'bad_check_digit', null],
      [5, false, 'not_digits', null],
      [6, false, 'duplicate', '923609016'],
      [7, false, 'duplicate', '923609016'],
    ]);
    // The input as given, trimmed.
    expect(r.slice(4).map((x) => x.input)).toEqual(['923-609-016', '923.609.016']);
  });

  it('says how many digits a line of the wrong length has, for the wording', () => {
    const [short] = checkOrgNrLines(['12 34']);
    expect(short).toMatchObject({ reason: 'wrong_length', digits: 4 });
    expect(short!.message).toContain('this has 4');
    expect(checkOrgNrLines(['923609017'])[0]).not.toHaveProperty('digits');
  });
});

describe('splitOrgNrText', () => {
  it('splits on newlines, commas, semicolons and tabs, trimming each line', () => {
    expect(splitOrgNrText('923 609 016\r\n974760673, 12;x\ty\n')).toEqual(['923 609 016', '974760673', '12', 'x', 'y', '']);
  });
});
