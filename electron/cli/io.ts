/** What the CLI reads and writes, injectable so tests run commands in-process with captured output. */
import type { Readable, Writable } from 'node:stream';

export interface CliIO {
  stdout: Writable & { isTTY?: boolean; columns?: number };
  stderr: Writable & { isTTY?: boolean; columns?: number };
  stdin: Readable & { isTTY?: boolean; setRawMode?: (raw: boolean) => unknown };
}

export function out(io: CliIO, line = ''): void {
  io.stdout.write(line + '\n');
}

export function err(io: CliIO, line: string): void {
  io.stderr.write(line + '\n');
}

export function processIO(): CliIO {
  return { stdout: process.stdout, stderr: process.stderr, stdin: process.stdin };
}
