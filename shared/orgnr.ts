/**
 * Norwegian organisation numbers (Brønnøysund register): nine digits, the last a MOD11 check digit
 * with weights 3,2,7,6,5,4,3,2 over the first eight.
 */

const WEIGHTS = [3, 2, 7, 6, 5, 4, 3, 2] as const;

/** Why a line is not an organisation number: the stable key the renderer words in the analyst's language. */
export type OrgNrRejection = 'empty' | 'not_digits' | 'wrong_length' | 'bad_check_digit';

export type OrgNrCheck =
  | { ok: true; orgNr: string }
  /** `digits`: for wrong_length, how many digits the input has (the wording says so). */
  | { ok: false; input: string; reason: OrgNrRejection; message: string; digits?: number };

/** The check digit for eight leading digits, or null when none exists (a remainder giving 10). */
export function mod11CheckDigit(first8: string): number | null {
  let sum = 0;
  for (let i = 0; i < 8; i++) sum += Number(first8[i]) * WEIGHTS[i]!;
  const check = 11 - (sum % 11);
  if (check === 11) return 0;
  if (check === 10) return null;
  return check;
}

/** Accepts "923609016", "923 609 016" and "923-609-016"; anything else is refused with its reason. */
export function checkOrgNr(raw: string): OrgNrCheck {
  const input = raw.trim();
  if (input === '') return { ok: false, input, reason: 'empty', message: 'Empty line' };
  const compact = input.replace(/[\s.-]/g, '');
  if (!/^\d+$/.test(compact)) {
    return { ok: false, input, reason: 'not_digits', message: 'An organisation number has digits only' };
  }
  if (compact.length !== 9) {
    return {
      ok: false,
      input,
      reason: 'wrong_length',
      message: `An organisation number has 9 digits, this has ${compact.length}`,
      digits: compact.length,
    };
  }
  const expected = mod11CheckDigit(compact.slice(0, 8));
  if (expected === null || expected !== Number(compact[8])) {
    return { ok: false, input, reason: 'bad_check_digit', message: 'The check digit (MOD11) does not match' };
  }
  return { ok: true, orgNr: compact };
}

export function isValidOrgNr(raw: string): boolean {
  return /^\d{9}$/.test(raw) && checkOrgNr(raw).ok;
}

/** 923609016 -> "923 609 016" for display; other input is returned unchanged. */
export function formatOrgNr(orgNr: string): string {
  return /^\d{9}$/.test(orgNr) ? `${orgNr.slice(0, 3)} ${orgNr.slice(3, 6)} ${orgNr.slice(6)}` : orgNr;
}
