import type { Envelope } from '../../../shared/contract/errors';
import { eventMethod, splitChannel } from '../../../shared/contract/names';
import type { Transport } from './index';

/** What the preload exposes: the same named methods, returning Envelopes. */
export type RawPreloadApi = Record<string, Record<string, (arg?: unknown) => unknown>>;

export function createIpcTransport(raw: RawPreloadApi): Transport {
  return {
    kind: 'electron',
    call: async (channel, input) => {
      const { domain, verb } = splitChannel(channel);
      const fn = raw[domain]?.[verb];
      if (!fn) return { ok: false, error: { code: 'unknown_channel', message: `No method for ${channel}` } };
      return (await fn(input)) as Envelope<unknown>;
    },
    subscribe: (event, listener) => {
      const { domain, method } = eventMethod(event);
      const fn = raw[domain]?.[method];
      return fn ? (fn(listener) as () => void) : () => {};
    },
    authorizeUrl: (path) => path,
  };
}
