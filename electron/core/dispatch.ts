/**
 * The binding-neutral core of the bridge: look up the channel, parse the input against the contract, run the
 * handler, and map whatever happens to an Envelope. The Electron wrapper (bridge.ts) and the browser host both
 * call this after their own caller checks, so a malformed input never reaches a handler on either path.
 */
import type { z } from 'zod';
import {
  AppError,
  contract,
  type Channel,
  type Envelope,
  type ErrorShape,
  type HandlerContext,
  type Handlers,
} from '../../shared/contract';

export interface DispatchOptions {
  /** Also check each handler's output against the contract (on in development and tests). */
  validateOutput?: boolean;
  /** Where unexpected errors are reported (never shown to the analyst beyond a generic message). */
  onInternalError?: (channel: string, error: unknown) => void;
}

export type Dispatch = (channel: string, input: unknown, ctx: HandlerContext) => Promise<Envelope<unknown>>;

export function isChannel(name: string): name is Channel {
  return Object.prototype.hasOwnProperty.call(contract, name);
}

/** Turns zod issues into a short, specific message and a details list (paths and messages only, no values). */
export function describeIssues(error: z.ZodError): { message: string; details: Record<string, unknown> } {
  const issues = error.issues.slice(0, 20).map((i) => {
    // A refinement may name its stable reason (e.g. `bidi_control` for a name): passed on for the renderer to word.
    const reason = i.code === 'custom' && typeof i.params?.['reason'] === 'string' ? (i.params['reason'] as string) : undefined;
    return { path: i.path.map(String).join('.') || '(input)', message: i.message, ...(reason ? { reason } : {}) };
  });
  const first = issues[0];
  const message = first ? `Invalid input at ${first.path}: ${first.message}` : 'Invalid input';
  return { message, details: { issues } };
}

/**
 * Storage failures that escape a service untranslated (a full disk or a read-only folder under any write) still
 * reach the analyst as what they are, not as a generic internal error.
 */
const STORAGE_CODES: Record<string, string> = {
  SQLITE_FULL: 'The disk is full. Free some space and try again; nothing already saved was lost.',
  ENOSPC: 'The disk is full. Free some space and try again; nothing already saved was lost.',
  SQLITE_READONLY: 'The data folder cannot be written (it is read-only). Nothing already saved was lost.',
  EROFS: 'The data folder cannot be written (it is read-only). Nothing already saved was lost.',
  EACCES: 'The data folder cannot be written (no permission). Nothing already saved was lost.',
  EPERM: 'The data folder cannot be written (no permission). Nothing already saved was lost.',
  SQLITE_IOERR: 'The disk reported an error while saving. Nothing already saved was lost.',
};

export function toErrorShape(e: unknown): ErrorShape {
  if (e instanceof AppError) return e.toShape();
  const code = (e as { code?: unknown } | null)?.code;
  if (typeof code === 'string') {
    const known = STORAGE_CODES[code] ?? STORAGE_CODES[code.split('_').slice(0, 2).join('_')];
    if (known) return { code: 'storage', message: known, details: { cause: code } };
  }
  return { code: 'internal', message: 'Something went wrong inside the app. The details are in the log.' };
}

export function createDispatcher(handlers: Handlers, options: DispatchOptions = {}): Dispatch {
  return async (name, rawInput, ctx) => {
    if (typeof name !== 'string' || !isChannel(name)) {
      return { ok: false, error: { code: 'unknown_channel', message: `There is no channel named ${String(name).slice(0, 80)}` } };
    }
    const def = contract[name];
    const parsed = def.input.safeParse(rawInput);
    if (!parsed.success) {
      const { message, details } = describeIssues(parsed.error);
      return { ok: false, error: { code: 'invalid_input', message, details: { channel: name, ...details } } };
    }
    try {
      const handler = handlers[name] as (input: unknown, ctx: HandlerContext) => Promise<unknown>;
      const value = await handler(parsed.data, ctx);
      if (options.validateOutput) {
        const out = def.output.safeParse(value);
        if (!out.success) {
          options.onInternalError?.(name, out.error);
          return { ok: false, error: { code: 'internal', message: `The app produced an invalid answer for ${name}.` } };
        }
        return { ok: true, value: out.data };
      }
      return { ok: true, value };
    } catch (e) {
      if (!(e instanceof AppError)) options.onInternalError?.(name, e);
      return { ok: false, error: toErrorShape(e) };
    }
  };
}
