import type { Envelope } from '../../../shared/contract/errors';
import { channelPath, eventPath, methodAt } from '../../../shared/contract/names';
import type { Transport } from './index';

/** What the preload exposes: the same named methods, returning Envelopes. */
export type RawPreloadApi = Record<string, Record<string, (arg?: unknown) => unknown>>;

export function createIpcTransport(raw: RawPreloadApi): Transport {
  return {
    kind: 'electron',
    call: async (channel, input) => {
      const fn = methodAt(raw, channelPath(channel));
      if (!fn) return { ok: false, error: { code: 'unknown_channel', message: `No method for ${channel}` } };
      return (await fn(input)) as Envelope<unknown>;
    },
    subscribe: (event, listener) => {
      const fn = methodAt(raw, eventPath(event));
      return fn ? (fn(listener) as () => void) : () => {};
    },
    authorizeUrl: (path) => path,
  };
}
