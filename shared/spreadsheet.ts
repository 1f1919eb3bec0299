/**
 * A spreadsheet column's letters from its number, as Excel names it: 1 is A, 26 is Z, 27 is AA, 16384 is XFD.
 * The Excel pack writes formulas and ranges with it, and an imported list names the column it read with it.
 * Throws on anything but a whole number from 1.
 */
export function columnLetter(column: number): string {
  if (!Number.isInteger(column) || column < 1) throw new RangeError(`not a column number: ${column}`);
  let s = '';
  for (let n = column; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}
