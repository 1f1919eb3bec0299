import { describe, expect, it } from 'vitest';
import { compareKeys, foldForSearch, searchTerms, sortKey } from '../../../shared/text-fold';

describe('foldForSearch', () => {
  it('folds ø, å, æ and every accent, so a name typed without them is found', () => {
    expect(foldForSearch('Bjørgvin Bygg AS')).toBe('bjorgvin bygg as');
    expect(foldForSearch('Ålesund Fisk')).toBe('alesund fisk');
    expect(foldForSearch('Sæther & Sønn')).toBe('saether & sonn');
    expect(foldForSearch('Café Noël Müller')).toBe('cafe noel muller');
    expect(foldForSearch('ØYVIND  ÆRØ')).toBe('oyvind aero');
  });

  it('reads the old spelling aa as å, on both sides', () => {
    expect(foldForSearch('Aalesund')).toBe(foldForSearch('Ålesund'));
    expect(foldForSearch('aalesund')).toBe('alesund');
    expect(foldForSearch('Haagensen')).toBe(foldForSearch('Hågensen'));
  });

  it('takes composed and decomposed input alike', () => {
    expect(foldForSearch('Bjo\u0308rn')).toBe(foldForSearch('Björn'));
    expect(foldForSearch('A\u030Alesund')).toBe('alesund');
  });
});

describe('searchTerms', () => {
  it('a number typed as read off a letter is its digits; words are folded and each must occur', () => {
    expect(searchTerms('923 609 016')).toEqual({ digits: '923609016', words: [] });
    expect(searchTerms('923.609-0')).toEqual({ digits: '9236090', words: [] });
    expect(searchTerms('  Bjørgvin   bygg ')).toEqual({ digits: null, words: ['bjorgvin', 'bygg'] });
    expect(searchTerms('bygg bygg')).toEqual({ digits: null, words: ['bygg'] });
    expect(searchTerms('   ')).toEqual({ digits: null, words: [] });
  });
});

describe('sortKey', () => {
  const sorted = (names: string[]) => [...names].sort((a, b) => compareKeys(sortKey(a), sortKey(b)));

  it('orders as a Norwegian reader expects: æ ø å after z, in that order; case and accents ignored', () => {
    expect(sorted(['Åsane AS', 'Ørsta AS', 'Ærø AS', 'Zeta AS', 'aker AS', 'Bergen AS'])).toEqual(['aker AS', 'Bergen AS', 'Zeta AS', 'Ærø AS', 'Ørsta AS', 'Åsane AS']);
    expect(sorted(['Éclair AS', 'Eple AS', 'Edda AS'])).toEqual(['Éclair AS', 'Edda AS', 'Eple AS']);
    expect(sortKey('BERGEN')).toBe(sortKey('bergen'));
  });

  it('agrees with Intl.Collator nb-NO on the letters that differ from English', () => {
    const names = ['Ås', 'As', 'Øst', 'Ost', 'Ærlig', 'Zorro', 'Æble', 'Å', 'Ø', 'Æ', 'Århus', 'Ørland'];
    const collator = new Intl.Collator('nb-NO', { sensitivity: 'base' });
    expect(sorted(names)).toEqual([...names].sort((a, b) => collator.compare(a, b) || compareKeys(sortKey(a), sortKey(b))));
  });
});
