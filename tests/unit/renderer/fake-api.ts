import type { Api, EventName, EventPayload } from '../../../shared/contract';
import { AppError, type dto } from '../../../shared/contract';
import { foldForSearch, sortKey } from '../../../shared/text-fold';

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
  portfolioViews: [],
  portfolioView: null,
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

/** portfolio:window as the cache answers it, over `book` (a sketch of the SQL side: tests/unit/electron/db/portfolio-grid.test.ts holds the real one). */
const flagged = (r: dto.PortfolioRow) => r.breaches.length > 0 || r.flags.length > 0;

export function windowOf(book: readonly dto.PortfolioRow[], extra: Partial<dto.PortfolioWindow> = {}) {
  return async (input: dto.PortfolioWindowInput): Promise<dto.PortfolioWindow> => {
    const f = input.filters ?? {};
    let list = book.filter(
      (r) =>
        (!f.query || foldForSearch(r.name).includes(foldForSearch(f.query)) || r.orgNr.includes(f.query.replace(/\s/g, ''))) &&
        (!f.flaggedOnly || flagged(r)) &&
        (!f.state || r.state === f.state),
    );
    const s = input.sort ?? { id: 'name', desc: false };
    const key = (r: dto.PortfolioRow): string | number | null => (s.id === 'name' ? sortKey(r.name) : (r.ratios[s.id as 'equity_ratio'] ?? null));
    list = [...list].sort((a, b) => {
      const ka = key(a);
      const kb = key(b);
      if (ka === null || kb === null) return ka === kb ? 0 : ka === null ? 1 : -1;
      return (ka < kb ? -1 : ka > kb ? 1 : 0) * (s.desc ? -1 : 1);
    });
    const offset = input.offset ?? 0;
    return {
      offset,
      rows: list.slice(offset, offset + input.limit),
      total: book.length,
      matched: list.length,
      counts: { flagged: book.filter(flagged).length, watched: 0, fallback: 0 },
      facets: { states: [...new Set(book.map((r) => r.state))], accountingSystems: [], naceDivisions: [] },
      commonBasis: { choice: input.basis ?? 'ltm', end: '2026-09-30' },
      pending: 0,
      ...extra,
    };
  };
}

