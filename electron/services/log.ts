/**
 * A small structured logger: JSON lines in <dataDir>/logs/desk.log. Everything passes through `redact` first,
 * so an Authorization header, a client secret or an access token never reaches a log file.
 */
import fs from 'node:fs';
import path from 'node:path';
import { visibleControls } from '../../shared/safe-text';
import { ensurePrivateDir, PRIVATE_FILE_MODE } from './data-dir';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
export interface Logger {
  debug(msg: string, fields?: Record<string, unknown>): void;
  info(msg: string, fields?: Record<string, unknown>): void;
  warn(msg: string, fields?: Record<string, unknown>): void;
  error(msg: string, fields?: Record<string, unknown>): void;
}

const SECRET_KEY = /secret|token|authorization|password|passwd|cookie|credential/i;
const BEARER = /\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]+/g;
/** A secret inside text: a form body or query (client_secret=…, ?token=…) or JSON ("access_token":"…"). */
const INLINE = /((?:secret|token|password|passwd|authorization)["']?\s*[:=]\s*["']?)(?!\[redacted\])[^"'&\s,;}]+/gi;

/** Replaces values under secret-looking keys, any Bearer/Basic credential and any key=secret pair inside strings. */
export function redact(value: unknown, depth = 0): unknown {
  if (depth > 6) return '[…]';
  // JSON escapes C0 controls itself, but not C1 (U+009B is a one-character CSI) or bidi controls: written out here.
  if (typeof value === 'string') return visibleControls(value.replace(BEARER, '$1 [redacted]').replace(INLINE, '$1[redacted]'));
  if (value instanceof Error) return { name: value.name, message: redact(value.message, depth + 1) };
  if (Array.isArray(value)) return value.slice(0, 50).map((v) => redact(v, depth + 1));
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = SECRET_KEY.test(k) ? '[redacted]' : redact(v, depth + 1);
    return out;
  }
  return value;
}

export function createFileLogger(dataDir: string, opts: { echo?: boolean; level?: LogLevel } = {}): Logger {
  const dir = path.join(dataDir, 'logs');
  const order: LogLevel[] = ['debug', 'info', 'warn', 'error'];
  const min = order.indexOf(opts.level ?? 'info');
  let ready = false;
  const write = (level: LogLevel, msg: string, fields?: Record<string, unknown>) => {
    if (order.indexOf(level) < min) return;
    const line = JSON.stringify({ t: new Date().toISOString(), level, msg: redact(msg), ...(fields ? (redact(fields) as object) : {}) });
    try {
      if (!ready) {
        ensurePrivateDir(dir);
        ready = true;
      }
      // The log names borrowers and errors: readable by the user only (the mode applies when the file is created).
      fs.appendFileSync(path.join(dir, 'desk.log'), line + '\n', { mode: PRIVATE_FILE_MODE });
    } catch {
      // A full or read-only disk must not take the app down with it; the line is lost, the app goes on.
    }
    if (opts.echo) process.stderr.write(line + '\n');
  };
  return {
    debug: (m, f) => write('debug', m, f),
    info: (m, f) => write('info', m, f),
    warn: (m, f) => write('warn', m, f),
    error: (m, f) => write('error', m, f),
  };
}

export const nullLogger: Logger = { debug() {}, info() {}, warn() {}, error() {} };
