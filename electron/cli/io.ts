/**
 * What the CLI reads and writes, injectable so tests run commands in-process with captured output. Every line goes
 * through `visibleControls`: text from a server (a bank name, an OAuth error, an API message) can carry a carriage
 * return or an escape sequence that would overwrite what the terminal shows, so each control character is written
 * out as `\xNN` instead, and only our own newlines end a line.
 */
import type { Readable, Writable } from 'node:stream';
import { visibleControls } from '../../shared/safe-text';

export interface CliIO {
  stdout: Writable & { isTTY?: boolean; columns?: number };
  stderr: Writable & { isTTY?: boolean; columns?: number };
  stdin: Readable & { isTTY?: boolean; setRawMode?: (raw: boolean) => unknown };
}

export function out(io: CliIO, line = ''): void {
  io.stdout.write(visibleControls(line) + '\n');
}

export function err(io: CliIO, line: string): void {
  io.stderr.write(visibleControls(line) + '\n');
}

export function processIO(): CliIO {
  return { stdout: process.stdout, stderr: process.stderr, stdin: process.stdin };
}
