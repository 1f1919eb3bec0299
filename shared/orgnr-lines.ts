import { checkOrgNr, type OrgNrRejection } from './orgnr';

/** Why a pasted line is refused: not an organisation number, or the same number as an earlier line. */
export type OrgNrLineReason = OrgNrRejection | 'duplicate';

/** One pasted line checked: the number it holds, or why it is refused. */
export interface OrgNrLineCheck {
  /** 1-based line number in what was pasted or imported. */
  line: number;
  /** The line as given, trimmed. */
  input: string;
  ok: boolean;
  /** The number in compact form (also for a duplicate); null when the line holds none. */
  orgNr: string | null;
  reason: OrgNrLineReason | null;
  /** English fallback for logs and the CLI; the renderer words `reason` (with `digits`) itself. */
  message: string;
  /** For wrong_length: how many digits the line has. */
  digits?: number;
}

/** Splits pasted text (or a CSV/Excel column) into lines; separators: newlines, commas, semicolons, tabs. */
export function splitOrgNrText(text: string): string[] {
  return text.split(/\r?\n|[;,\t]/).map((l) => l.trim());
}

/**
 * Checks pasted lines: nine digits with a MOD11 check digit (spaces, dots and dashes allowed), each rejection with
 * its reason; a number seen on an earlier line is a `duplicate`. Blank lines are skipped, not errors. The field
 * checks as the analyst types, and following and access requests check again on the main side with this function.
 */
export function checkOrgNrLines(lines: readonly string[]): OrgNrLineCheck[] {
  const seen = new Set<string>();
  const out: OrgNrLineCheck[] = [];
  lines.forEach((raw, i) => {
    const input = raw.trim();
    if (input === '') return;
    const line = i + 1;
    const c = checkOrgNr(input);
    if (!c.ok) {
      out.push({ line, input, ok: false, orgNr: null, reason: c.reason, message: c.message, ...(c.digits !== undefined ? { digits: c.digits } : {}) });
    } else if (seen.has(c.orgNr)) {
      out.push({ line, input, ok: false, orgNr: c.orgNr, reason: 'duplicate', message: 'The same number appears on an earlier line' });
    } else {
      seen.add(c.orgNr);
      out.push({ line, input, ok: true, orgNr: c.orgNr, reason: null, message: 'OK' });
    }
  });
  return out;
}
