import type { CacheWrite } from './cache-writes';

/** What the cache-writer worker is started with. */
export interface WriterData {
  file: string;
}

export type WriterRequest = { type: 'commit'; id: number; writes: CacheWrite[] } | { type: 'close' };

/** An error as it crosses the thread boundary: SQLite's code (SQLITE_FULL...) is what the engine classifies by. */
export interface WireError {
  name: string;
  message: string;
  code?: string;
}

export type WriterReply =
  | { type: 'committed'; id: number; results: ({ ok: true; value: number } | { ok: false; error: WireError })[] }
  | { type: 'failed'; id: number; error: WireError };

export function toWireError(e: unknown): WireError {
  const code = (e as { code?: unknown } | null)?.code;
  return {
    name: e instanceof Error ? e.name : 'Error',
    message: e instanceof Error ? e.message : String(e),
    ...(typeof code === 'string' ? { code } : {}),
  };
}

export function fromWireError(w: WireError): Error {
  const e = new Error(w.message);
  e.name = w.name;
  if (w.code !== undefined) Object.assign(e, { code: w.code });
  return e;
}
