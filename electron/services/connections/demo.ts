/**
 * The Demo profile's backend: the in-process sandbox, started on first use, once, and closed with the app. Its
 * credentials are the sandbox's public ones, so they never go to the keychain and the Demo works on machines
 * without one.
 */
import { ALL_SCOPES } from '../../../shared/symetrisk/defaults';
import type { Cache } from '../../db/cache';

export const DEMO_PROFILE_ID = 'demo';
export const DEMO_PROFILE_NAME = 'Demo';

export interface DemoEndpoints {
  tokenUrl: string;
  apiBaseUrl: string;
  clientId: string;
  clientSecret: string;
  scopes: string[];
}

/** Where the Demo's registry sandbox answers: Enhetsregisteret and Regnskapsregisteret on the sandbox's origin. */
export interface DemoRegistryEndpoints {
  enhetsregisteretUrl: string;
  regnskapsregisteretUrl: string;
}

export interface DemoBackend {
  /** Starts the sandbox on the first call; every later (or concurrent) call gets the same one. */
  start(): Promise<DemoEndpoints>;
  /**
   * The registry sandbox beside it (started with it, as start() does), or null when the sandbox serves none: the
   * Demo's registry calls go there, never to data.brreg.no.
   */
  registry(): Promise<DemoRegistryEndpoints | null>;
  /** The endpoints when started, else null (never starts anything). */
  current(): DemoEndpoints | null;
  /**
   * The Demo bank's own customer list (org numbers), as a bank keeps it beside Symetrisk; starts the sandbox. Absent
   * for a backend that has none: the Demo then starts with an empty register.
   */
  customerList?(): Promise<string[]>;
  close(): Promise<void>;
}

/** The slice of electron/sandbox's startSandbox that the Demo needs; injected so this file does not load the sandbox. */
export type StartSandbox = (opts: { port?: number; seed?: number; borrowers?: number; now?: Date }) => Promise<{
  tokenUrl: string;
  apiBaseUrl: string;
  clientId: string;
  clientSecret: string;
  control: { customerList(): string[] };
  /** The registry sandbox on the same origin (electron/sandbox/registry/). */
  registry?: DemoRegistryEndpoints;
  close(): Promise<void>;
}>;

export function createSandboxDemoBackend(
  loadStart: () => Promise<StartSandbox>,
  options: { seed?: number; borrowers?: number; scopes?: string[] } = {},
): DemoBackend {
  type Started = { endpoints: DemoEndpoints; registry: DemoRegistryEndpoints | null; customers: string[]; close(): Promise<void> };
  let starting: Promise<Started> | null = null;
  let started: Started | null = null;
  let closed = false;
  const start = (): Promise<Started> => {
    if (closed) return Promise.reject(new Error('the app is closing'));
    if (!starting) {
      starting = (async () => {
        const startSandbox = await loadStart();
        const opts: { seed?: number; borrowers?: number } = {};
        if (options.seed !== undefined) opts.seed = options.seed;
        if (options.borrowers !== undefined) opts.borrowers = options.borrowers;
        const sb = await startSandbox(opts);
        const s: Started = {
          registry: sb.registry ? { enhetsregisteretUrl: sb.registry.enhetsregisteretUrl, regnskapsregisteretUrl: sb.registry.regnskapsregisteretUrl } : null,
          endpoints: {
            tokenUrl: sb.tokenUrl,
            apiBaseUrl: sb.apiBaseUrl,
            clientId: sb.clientId,
            clientSecret: sb.clientSecret,
            scopes: options.scopes ?? [...ALL_SCOPES],
          },
          customers: sb.control.customerList(),
          close: () => sb.close(),
        };
        started = s;
        return s;
      })();
      // A failed start (port trouble) may be retried by the next caller.
      starting.catch(() => {
        starting = null;
      });
    }
    return starting;
  };
  return {
    start: () => start().then((s) => s.endpoints),
    registry: () => start().then((s) => s.registry),
    current: () => started?.endpoints ?? null,
    customerList: () => start().then((s) => [...s.customers]),
    async close() {
      closed = true;
      const s = started ?? (starting ? await starting.catch(() => null) : null);
      started = null;
      starting = null;
      await s?.close();
    },
  };
}

/**
 * The Demo starts as a bank would: a new Demo cache (one that has never synced and follows nothing) follows the
 * Demo bank's customer list (source `customer_list`) before anything reads its register or syncs it, so the first
 * sync shows data at once; the bank's relationships its list does not name stay unlinked, for the attach flow.
 * Returns the function the composition root calls before the Demo's register is read and before its API client is
 * used; for any other profile, and for a cache checked before, it does nothing.
 */
export function demoCustomerSeed(deps: { demo: DemoBackend; open: (profileId: string) => Cache; clock: () => Date }): (profileId: string) => Promise<void> {
  const checked = new WeakSet<Cache>();
  return async (profileId) => {
    if (profileId !== DEMO_PROFILE_ID || !deps.demo.customerList) return;
    const cache = deps.open(profileId);
    if (checked.has(cache)) return;
    const fresh = () => cache.syncRuns.last() === null && cache.followed.count() === 0;
    if (fresh()) {
      const list = await deps.demo.customerList();
      const at = deps.clock().toISOString();
      cache.db
        .transaction(() => {
          // Checked again inside the write: a second caller that awaited the list too adds nothing.
          if (!fresh()) return;
          for (const orgNr of list) cache.followed.add(orgNr, 'customer_list', at);
        })
        .immediate();
    }
    checked.add(cache);
  };
}
