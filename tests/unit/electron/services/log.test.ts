import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { createFileLogger, redact } from '../../../../electron/services/log';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

it('writes server text into the log with its control characters visible: no raw C1, bidi or escape (finding 6)', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'desk-log-'));
  dirs.push(dir);
  const hostile = 'Bank\r\u001b[2KSync ok\u009b31m \u202eslx.kcap';
  createFileLogger(dir).warn(`api said ${hostile}`, { message: hostile, nested: { name: hostile } });
  const text = fs.readFileSync(path.join(dir, 'logs', 'desk.log'), 'utf8');
  // One line, and nothing in it a terminal (`tail -f`, `less -R`) would act on.
  expect(text.split('\n').filter(Boolean)).toHaveLength(1);
  // eslint-disable-next-line no-control-regex -- what must not be in the file
  expect(text.replace(/\n$/, '')).not.toMatch(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/);
  const line = JSON.parse(text) as { msg: string; message: string; nested: { name: string } };
  expect(line.message).toBe('Bank\\x0d\\x1b[2KSync ok\\x9b31m \\u202eslx.kcap');
  expect(line.nested.name).toBe(line.message);
  expect(redact('Bearer abc.def \u202e')).toBe('Bearer [redacted] \\u202e');
});
