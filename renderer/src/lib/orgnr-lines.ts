import { checkOrgNr } from '../../../shared/orgnr';

/** One pasted line checked locally: the same rules the main side applies (nine digits, MOD11, duplicates). */
export interface LineCheck {
  /** 1-based line number in the pasted text. */
  line: number;
  input: string;
  ok: boolean;
  orgNr: string | null;
  reason: 'empty' | 'not_digits' | 'wrong_length' | 'bad_check_digit' | 'duplicate' | null;
  /** For wrong_length: how many digits the line has. */
  digits?: number;
}

/** Splits pasted text (or a CSV/Excel column) into lines; separators: newlines, commas, semicolons, tabs. */
export function splitLines(text: string): string[] {
  return text.split(/\r?\n|[;,\t]/).map((l) => l.trim());
}

/** Checks each non-empty line; a number seen before is a duplicate. Empty lines are skipped, not errors. */
export function checkLines(lines: readonly string[]): LineCheck[] {
  const seen = new Set<string>();
  const out: LineCheck[] = [];
  lines.forEach((raw, i) => {
    const input = raw.trim();
    if (input === '') return;
    const c = checkOrgNr(input);
    if (!c.ok) {
      const digits = input.replace(/[\s.-]/g, '').length;
      out.push({ line: i + 1, input, ok: false, orgNr: null, reason: c.reason, ...(c.reason === 'wrong_length' ? { digits } : {}) });
      return;
    }
    if (seen.has(c.orgNr)) {
      out.push({ line: i + 1, input, ok: false, orgNr: c.orgNr, reason: 'duplicate' });
      return;
    }
    seen.add(c.orgNr);
    out.push({ line: i + 1, input, ok: true, orgNr: c.orgNr, reason: null });
  });
  return out;
}
