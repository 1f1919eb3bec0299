import { AppError, isAppError, type ErrorShape } from '../../../shared/contract/errors';
import type { PackProfile } from './cache-pack-source';
import type { PackOptions, PackOutcome, PackPhase } from './pack-builder';

/** What the pack worker is started with: everything it needs to build one pack from the cache, and nothing more. */
export interface PackJob {
  profileId: string;
  /** The profile's cache file, opened by the worker as a second connection that only reads. */
  cacheFile: string;
  /** The profile's facts the pack prints (no secret is on a profile: the client secret is in the keychain). */
  profile: PackProfile;
  orgNrs: string[] | undefined;
  options: PackOptions;
  target: string;
  /** The day the pack is made on, as the main side's clock says (reviews due, filings due). */
  today: Date;
}

export type PackWorkerRequest = { type: 'cancel' };

/** An error as it crosses the thread: an AppError keeps its code and details (the analyst's words depend on them). */
export type PackWireError = { app: ErrorShape } | { name: string; message: string };

export type PackWorkerReply =
  | { type: 'progress'; phase: PackPhase; done: number; total: number }
  | { type: 'done'; outcome: PackOutcome }
  | { type: 'failed'; error: PackWireError };

export function toPackWireError(e: unknown): PackWireError {
  if (isAppError(e)) return { app: e.toShape() };
  return { name: e instanceof Error ? e.name : 'Error', message: e instanceof Error ? e.message : String(e) };
}

export function fromPackWireError(w: PackWireError): Error {
  if ('app' in w) return AppError.fromShape(w.app);
  const e = new Error(w.message);
  e.name = w.name;
  return e;
}
