import type { Api, EventName, EventPayload } from '../../../shared/contract';
import { AppError, type dto } from '../../../shared/contract';

type Listener = (payload: unknown) => void;

/**
 * A fake api typed by the contract: every channel answers AppError('internal') unless a test overrides it, and
 * `emit` pushes an event to whoever subscribed, as the main side would.
 */
export function fakeApi(overrides: { [D in keyof Api]?: Partial<Api[D]> } = {}) {
  const listeners = new Map<string, Set<Listener>>();
  const calls: { channel: string; input: unknown }[] = [];
  const notImplemented = (channel: string) => async (input: unknown) => {
    calls.push({ channel, input });
    throw new AppError('internal', `${channel} is not faked`);
  };
  const api = new Proxy({} as Api, {
    get(_t, domain: string) {
      return new Proxy(
        {},
        {
          get(_t2, verb: string) {
            const own = (overrides as Record<string, Record<string, unknown>>)[domain]?.[verb];
            if (verb.startsWith('on') && !own) {
              const event = `${domain}:${verb[2]!.toLowerCase()}${verb.slice(3)}`;
              return (l: Listener) => {
                let set = listeners.get(event);
                if (!set) listeners.set(event, (set = new Set()));
                set.add(l);
                return () => set.delete(l);
              };
            }
            if (typeof own === 'function') {
              return async (input: unknown) => {
                calls.push({ channel: `${domain}:${verb}`, input });
                return (own as (i: unknown) => unknown)(input);
              };
            }
            return notImplemented(`${domain}:${verb}`);
          },
        },
      );
    },
  });
  return {
    api,
    calls,
    emit<E extends EventName>(event: E, payload: EventPayload<E>): void {
      for (const l of listeners.get(event) ?? []) l(payload);
    },
    listenerCount: (event: EventName) => listeners.get(event)?.size ?? 0,
  };
}

export const SETTINGS: dto.Settings = {
  language: 'nb',
  amountFormat: 'nok',
  theme: 'system',
  activeProfileId: 'demo',
  staleAfterDays: 45,
  registryEnabled: true,
  portfolioColumns: null,
  classification: null,
  analystName: 'Kari Nordmann',
};

export function row(over: Partial<dto.PortfolioRow> & { orgNr: string; name: string }): dto.PortfolioRow {
  return {
    state: 'access_approved',
    lost: false,
    accountingSystem: 'fiken',
    latest: null,
    basis: null,
    figures: {},
    ratios: {},
    ratioGaps: {},
    changes: {},
    ratioChanges: {},
    flags: [],
    breaches: [],
    nearLimit: [],
    revisions: [],
    dataAgeDays: 3,
    lastSyncedAt: null,
    unreadNotifications: 0,
    ...over,
  };
}
