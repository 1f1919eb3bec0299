/**
 * The one error shape in which every failure crosses the bridge (IPC or the browser host): {code, message, details}.
 * `message` is written for the analyst; `details` carries what a support person needs, never a secret.
 */
export const ERROR_CODES = [
  'invalid_input', // the input did not match the channel's schema
  'forbidden', // the caller is not the app's own window, or lacks the browser-host token
  'unknown_channel',
  'not_found', // a profile, borrower, snapshot or export that does not exist
  'conflict', // e.g. a sync already running, a profile name taken
  'cancelled',
  'offline', // Symetrisk cannot be reached
  'auth_failed', // wrong client id or secret
  'missing_scope',
  'api_error', // Symetrisk answered with an error
  'bad_response', // Symetrisk answered with something we cannot parse
  'keychain_unavailable',
  'storage', // disk full, read-only folder, corrupted or foreign cache file
  'file_busy', // export target open in another program or not writable
  'internal',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

/** The error as it crosses the bridge. (No zod here: the cache-writer worker and the renderer's start load this file.) */
export interface ErrorShape {
  code: ErrorCode;
  message: string;
  details?: Record<string, unknown> | undefined;
}

/** Thrown by services and handlers; anything else that escapes a handler becomes `internal`. */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly details: Record<string, unknown> | undefined;
  constructor(code: ErrorCode, message: string, details?: Record<string, unknown>) {
    super(message);
    this.name = 'AppError';
    this.code = code;
    this.details = details;
  }
  toShape(): ErrorShape {
    return this.details === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, details: this.details };
  }
  static fromShape(shape: ErrorShape): AppError {
    return new AppError(shape.code, shape.message, shape.details);
  }
}

export function isAppError(e: unknown): e is AppError {
  return e instanceof AppError;
}

/** What crosses the bridge for every call: a value or an error, never a thrown exception. */
export type Envelope<T> = { ok: true; value: T } | { ok: false; error: ErrorShape };
