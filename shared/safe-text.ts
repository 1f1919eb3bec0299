/**
 * Characters that make text lie about itself: C0 and C1 control characters (a carriage return or an escape sequence
 * can overwrite what a terminal shows, U+009B is a one-character CSI), DEL, line and paragraph separators, and the
 * bidirectional controls (U+202E turns "cod.xlsx" into what reads as another name). One set of rules for names the
 * analyst types (refused), text a server sends (cleaned) and what the CLI and the log write (made visible).
 */

// eslint-disable-next-line no-control-regex -- control characters are exactly what these patterns find
const LINE_BREAK = /[\n\r\u000b\u000c\u0085\u2028\u2029]/;
// eslint-disable-next-line no-control-regex -- as above
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;
const BIDI = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/;
// eslint-disable-next-line no-control-regex -- as above
const UNSAFE_ALL = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]/g;
const UNSAFE_ONE = new RegExp(UNSAFE_ALL.source);
// eslint-disable-next-line no-control-regex -- as above; a tab and a newline are kept in terminal output
const UNSAFE_IN_OUTPUT = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]/g;

/** Why a name was refused: the stable key the renderer words, and the character as U+XXXX. */
export type UnsafeCharReason = 'nul_character' | 'line_break' | 'bidi_control' | 'control_character';

/** The first character that makes `s` unsafe as a one-line name, or null. */
export function findUnsafeChar(s: string): { reason: UnsafeCharReason; codePoint: string } | null {
  const m = UNSAFE_ONE.exec(s);
  if (!m) return null;
  const ch = m[0];
  const codePoint = `U+${ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
  if (ch === '\u0000') return { reason: 'nul_character', codePoint };
  if (LINE_BREAK.test(ch)) return { reason: 'line_break', codePoint };
  if (BIDI.test(ch)) return { reason: 'bidi_control', codePoint };
  return { reason: CONTROL.test(ch) ? 'control_character' : 'bidi_control', codePoint };
}

/** The message for a name refused by {@link findUnsafeChar}. */
export function unsafeCharMessage(what: string, found: { reason: UnsafeCharReason; codePoint: string }): string {
  switch (found.reason) {
    case 'nul_character':
      return `${what} may not contain a NUL character.`;
    case 'line_break':
      return `${what} must be on one line (it contains a line break, ${found.codePoint}).`;
    case 'bidi_control':
      return `${what} may not contain a text-direction control (${found.codePoint}), which can make it read as something else.`;
    default:
      return `${what} may not contain a control character (${found.codePoint}).`;
  }
}

/**
 * A name a server sent, made safe to store and show: line breaks and tabs become a space, every other control and
 * bidirectional control is removed, and runs of spaces are collapsed.
 */
export function cleanServerText(s: string): string {
  if (!UNSAFE_ONE.test(s)) return s;
  return s
    .replace(UNSAFE_ALL, (ch) => (ch === '\t' || LINE_BREAK.test(ch) ? ' ' : ''))
    .replace(/ {2,}/g, ' ')
    .trim();
}

/**
 * Text for a terminal or a log line: every control character but tab and newline is written out as `\xNN` or
 * `\uNNNN`, so nothing a server sent can move the cursor, clear a line or change direction, and nothing is hidden.
 */
export function visibleControls(s: string): string {
  return s.replace(UNSAFE_IN_OUTPUT, (ch) => {
    const code = ch.codePointAt(0)!;
    return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
  });
}

// eslint-disable-next-line no-control-regex -- control characters are exactly what this pattern finds; a tab and a newline are allowed
const UNSAFE_IN_TEXT = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]/;

/**
 * Free text as one kind of line break: CRLF, a lone CR, NEL and the Unicode line and paragraph separators become a
 * line feed, which is what a textarea gives and what a cell, a terminal and a log line show as a new line.
 */
export function normalizeLineBreaks(s: string): string {
  return s.replace(/\r\n?|[\u0085\u2028\u2029]/g, '\n');
}

/**
 * The first character that makes `s` unsafe as free text the analyst types (a note, a comment, conditions): the
 * sibling of {@link findUnsafeChar} for text of several lines. A line feed and a tab are allowed; NUL, every other
 * control character and the bidi controls are not. Normalise the line breaks first ({@link normalizeLineBreaks}):
 * a CR left over is refused as a control character.
 */
export function findUnsafeCharInText(s: string): { reason: Exclude<UnsafeCharReason, 'line_break'>; codePoint: string } | null {
  const m = UNSAFE_IN_TEXT.exec(s);
  if (!m) return null;
  const ch = m[0];
  const codePoint = `U+${ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
  if (ch === '\u0000') return { reason: 'nul_character', codePoint };
  if (BIDI.test(ch)) return { reason: 'bidi_control', codePoint };
  return { reason: 'control_character', codePoint };
}
