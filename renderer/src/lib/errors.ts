import { isAppError } from '../../../shared/contract/errors';

/** The text an analyst sees for a failed call: the main side writes its messages for them already. */
export function errorText(e: unknown): string {
  if (isAppError(e)) return e.message;
  if (e instanceof Error) return e.message;
  return String(e);
}

/** The error code of a failed call, when it crossed the bridge as an AppError. */
export function errorCode(e: unknown): string | null {
  return isAppError(e) ? e.code : null;
}
