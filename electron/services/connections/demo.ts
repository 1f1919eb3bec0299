/**
 * The Demo profile's backend: the in-process sandbox, started on first use, once, and closed with the app. Its
 * credentials are the sandbox's public ones, so they never go to the keychain and the Demo works on machines
 * without one.
 */
import { ALL_SCOPES } from '../../../shared/symetrisk/defaults';

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
  close(): Promise<void>;
}

/** The slice of electron/sandbox's startSandbox that the Demo needs; injected so this file does not load the sandbox. */
export type StartSandbox = (opts: { port?: number; seed?: number; borrowers?: number; now?: Date }) => Promise<{
  tokenUrl: string;
  apiBaseUrl: string;
  clientId: string;
  clientSecret: string;
  /** The registry sandbox on the same origin (electron/sandbox/registry/). */
  registry?: DemoRegistryEndpoints;
  close(): Promise<void>;
}>;

export function createSandboxDemoBackend(
  loadStart: () => Promise<StartSandbox>,
  options: { seed?: number; borrowers?: number; scopes?: string[] } = {},
): DemoBackend {
  type Started = { endpoints: DemoEndpoints; registry: DemoRegistryEndpoints | null; close(): Promise<void> };
  let starting: Promise<Started> | null = null;
  let started: Started | null = null;
  let closed = false;
  const backend: DemoBackend = {
    start() {
      return run().then((s) => s.endpoints);
    },
    registry() {
      return run().then((s) => s.registry);
    },
    current: () => started?.endpoints ?? null,
    async close() {
      closed = true;
      const s = started ?? (starting ? await starting.catch(() => null) : null);
      started = null;
      starting = null;
      await s?.close();
    },
  };
  return backend;

  function run(): Promise<Started> {
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
  }
}
