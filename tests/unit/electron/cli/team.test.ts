import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { isAppError } from '../../../../shared/contract';
import { parseInterval, readSecretFile } from '../../../../electron/cli/commands/team';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

function file(content: string, mode: number): string {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'desk-secret-'));
  dirs.push(d);
  const f = path.join(d, 'secret');
  fs.writeFileSync(f, content);
  fs.chmodSync(f, mode);
  return f;
}

function reason(f: () => unknown): unknown {
  try {
    f();
  } catch (e) {
    return isAppError(e) ? e.details?.['reason'] : e;
  }
  return 'accepted';
}

describe('team sync: --every', () => {
  it('reads 30s, 15m, 1h30m and 1d; refuses anything else and less than a second', () => {
    expect(parseInterval('30s')).toBe(30_000);
    expect(parseInterval('15m')).toBe(900_000);
    expect(parseInterval('1h30m')).toBe(5_400_000);
    expect(parseInterval('1d')).toBe(86_400_000);
    for (const bad of ['', 'soon', '15', '15 minutes', '1h 30x', '-5m']) expect(reason(() => parseInterval(bad)), bad).toBe('interval_invalid');
    expect(reason(() => parseInterval('0s'))).toBe('interval_too_short');
  });
});

describe.skipIf(process.platform === 'win32')('team sync: --secret-file', () => {
  it('reads a file only its owner can read, without its trailing newline', () => {
    expect(readSecretFile(file('s3cret\n', 0o600))).toBe('s3cret');
    expect(readSecretFile(file('s3cret', 0o400))).toBe('s3cret');
  });

  it('refuses a file others can read or write, an empty one, a folder and a missing one, naming the fix', () => {
    const open = file('s3cret\n', 0o644);
    expect(reason(() => readSecretFile(open))).toBe('secret_file_too_open');
    expect(() => readSecretFile(open)).toThrow(`chmod 600 ${open}`);
    expect(reason(() => readSecretFile(file('s3cret', 0o620)))).toBe('secret_file_too_open');
    expect(reason(() => readSecretFile(file('\n', 0o600)))).toBe('secret_file_empty');
    expect(reason(() => readSecretFile(path.dirname(file('x', 0o600))))).toBe('secret_file_not_a_file');
    expect(reason(() => readSecretFile('/nonexistent/secret'))).toBe('secret_file_unreadable');
  });
});
