/**
 * Every reason the main side (and shared/) can put in `details.reason` has words in both languages, with the same
 * placeholders; every error code has its sentence. The reasons are collected from the sources, so a new reason
 * thrown without its wording fails here.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { AppError, ERROR_CODES } from '../../../../shared/contract/errors';
import { ERROR_CODE_WORDS, placeholders, REASON_WORDS, wordError } from '../../../../shared/wording';

const ROOT = path.resolve(import.meta.dirname, '../../../..');

/**
 * Not collected: the sandbox (the local Symetrisk's own answers), and shared/analysis and shared/registry, whose
 * reasons (why a ratio or a comparison has no value) travel with their own words in both languages (`explain`).
 */
const NOT_ERRORS = [/^electron\/sandbox\//, /^shared\/analysis\//, /^shared\/registry\//];

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true }).flatMap((e) => {
    const rel = path.join(dir, e.name).split(path.sep).join('/');
    if (e.isDirectory()) return sourceFiles(rel);
    return rel.endsWith('.ts') && !NOT_ERRORS.some((r) => r.test(rel)) ? [rel] : [];
  });
}

/**
 * The keys a file can give as a reason: the literal values of `reason:` (both arms of a `? :` and an `??`'s
 * default included, a compared value like `=== 'truncated'` not), and the members of a `…Reason`, `…Refusal` or
 * `…Rejection` union type.
 */
export function reasonsIn(src: string): string[] {
  const out = new Set<string>();
  for (const line of src.split('\n')) {
    if (/^\s*(\/\/|\*)/.test(line)) continue;
    for (const m of line.matchAll(/\breason\??\s*:\s*((?:[^,;{}()'"]|'[^']*')*)/g)) {
      // Not a compared value (=== 'x') nor a key read (details['reason']).
      for (const lit of m[1]!.matchAll(/(===|!==|\[)?\s*'([a-z][a-z0-9_]*)'/g)) if (!lit[1]) out.add(lit[2]!);
    }
  }
  for (const m of src.matchAll(/type\s+\w*(?:Reason|Refusal|Rejection)\w*\s*=((?:\s*\|?\s*'[a-z][a-z0-9_]*')+)/g)) {
    for (const lit of m[1]!.matchAll(/'([a-z][a-z0-9_]*)'/g)) out.add(lit[1]!);
  }
  return [...out];
}

describe('the wording of errors', () => {
  const thrown = new Map<string, string>();
  for (const f of [...sourceFiles('electron'), ...sourceFiles('shared')]) {
    for (const r of reasonsIn(fs.readFileSync(path.join(ROOT, f), 'utf8'))) if (!thrown.has(r)) thrown.set(r, f);
  }

  it('finds the reasons the sources throw (the collector itself works)', () => {
    expect(thrown.get('listing_too_long')).toBe('electron/services/sync/listing.ts');
    expect(thrown.get('answer_too_large')).toBe('electron/services/net/http.ts');
    expect(thrown.get('registry_truncated')).toBe('electron/services/registry/http.ts');
    expect(thrown.get('no_orgnr_column')).toBe('electron/services/followed/import-file.ts');
    expect(thrown.has('truncated')).toBe(false);
    expect(reasonsIn(`throw new AppError('x', 'y', { reason: a ? 'one_way' : 'other_way', which: 'a' });`).sort()).toEqual(['one_way', 'other_way']);
    expect(thrown.size).toBeGreaterThan(80);
  });

  it('has words for every reason the main side and shared/ can give', () => {
    const missing = [...thrown].filter(([r]) => !REASON_WORDS[r]).map(([r, f]) => `${r} (${f})`);
    expect(missing).toEqual([]);
  });

  it('words each reason in both languages with the same placeholders, and each code', () => {
    for (const [reason, w] of Object.entries(REASON_WORDS)) {
      expect(w.nb.trim(), reason).not.toBe('');
      expect(w.en.trim(), reason).not.toBe('');
      expect(w.nb, reason).not.toBe(w.en);
      expect(placeholders(w.nb), reason).toEqual(placeholders(w.en));
    }
    for (const code of ERROR_CODES) {
      expect(ERROR_CODE_WORDS[code].nb, code).not.toMatch(/[a-z]+_[a-z]+/);
      expect(ERROR_CODE_WORDS[code].nb).not.toBe(ERROR_CODE_WORDS[code].en);
    }
  });

  it('words an error by its reason with its values, by its field, else by its code; never its English message', () => {
    const tooLong = new AppError('bad_response', 'GET /relationship: the listing claims more than 20000 items', {
      reason: 'listing_too_long',
      totalItems: 23292,
      maxItems: 20000,
    });
    expect(wordError(tooLong, 'nb')).toBe('En liste fra Symetrisk oppga mer enn 20\u00a0000 oppføringer (23\u00a0292); den ble ikke lest videre, og ingenting av den ble lagret.');
    expect(wordError(tooLong, 'en')).toContain('more than 20,000 entries (23,292)');
    // The dispatcher's refusal of a URL field, which has no reason of its own.
    const url = new AppError('invalid_input', 'Invalid input at apiBaseUrl: Invalid URL', {
      channel: 'connections:create',
      issues: [{ path: 'apiBaseUrl', message: 'Invalid URL' }],
    });
    expect(wordError(url, 'nb')).toBe('«API-adresse» er ikke en gyldig adresse. Den begynner med https://.');
    // A refinement's reason, passed on by the dispatcher.
    const name = new AppError('invalid_input', 'x', { issues: [{ path: 'name', message: 'x', reason: 'bidi_control' }] });
    expect(wordError(name, 'nb')).toMatch(/snur skriveretningen/);
    // A reason nobody worded falls back to the code's sentence; something that is not our error reads as internal.
    expect(wordError(new AppError('offline', 'could not be reached: could not be reached', { reason: 'something_new' }), 'nb')).toBe(ERROR_CODE_WORDS.offline.nb);
    expect(wordError(new Error('boom'), 'en')).toBe(ERROR_CODE_WORDS.internal.en);
    // A value the words need and did not get reads as "…", never as its placeholder.
    expect(wordError(new AppError('invalid_input', 'x', { reason: 'too_many_lines' }), 'nb')).not.toMatch(/[{}]/);
  });
});
