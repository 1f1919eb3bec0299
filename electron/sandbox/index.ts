/**
 * The Symetrisk sandbox: a local, seeded, fault-injectable implementation of Symetrisk's token endpoint
 * and API, for development, demos, tests and benchmarks. Plain Node (node:http); see docs/sandbox.md.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { REGISTRY_PREFIXES } from '../../shared/registry/defaults';
import { ALL_SCOPES } from '../../shared/symetrisk/defaults';
import { Faults } from './faults';
import { createRegistrySandbox, REGISTRY_CONTROL_PREFIX } from './registry/index';
import { API_PREFIX, CONTROL_PREFIX, SandboxServer, Stats, TOKEN_PATH } from './server';
import type { FaultConfig, Sandbox, SandboxClientConfig, SandboxControl, SandboxOptions } from './types';
import { World } from './world';

export type {
  FaultConfig,
  Sandbox,
  SandboxClientConfig,
  SandboxControl,
  SandboxOptions,
  SandboxStats,
  SettableRelationshipState,
  TruthRow,
} from './types';
export { ERRORS, CONTROL_ENDPOINTS } from './server';
export { FORMAT_VERSION } from './company';

/** The demo bank. Its credentials are public by design: they only open the local sandbox. */
export const DEMO_CLIENT: SandboxClientConfig = Object.freeze({
  clientId: 'symetrisk-desk-demo',
  clientSecret: 'demo-secret-not-for-production',
  bankName: 'Demo Sparebank',
  bankOrgNr: '987654325',
  scopes: [...ALL_SCOPES],
}) as SandboxClientConfig;

export const SANDBOX_DEFAULTS = {
  seed: 7,
  borrowers: 40,
  tokenTtlSeconds: 3600,
  /**
   * Relationship items carry no `orgNr`, as in the public document (OUR_DEFAULTS.relationshipOrgNr): the Demo and the
   * tests run the documented shape. `relationshipOrgNr: true` (`--org-nr`) is the opt-in for a later API version.
   */
  relationshipOrgNr: false,
} as const;

/** Whether relationship items carry orgNr: an explicit choice, else the documented shape if asked, else the default. */
export function relationshipOrgNr(options: Pick<SandboxOptions, 'relationshipOrgNr' | 'omitOrgNr'>): boolean {
  return options.relationshipOrgNr ?? (options.omitOrgNr === true ? false : SANDBOX_DEFAULTS.relationshipOrgNr);
}

/** Builds the world and the control handle without listening (used by startSandbox and by pure tests). */
export function createSandboxCore(options: SandboxOptions = {}): {
  world: World;
  faults: Faults;
  stats: Stats;
  control: SandboxControl;
  registry: ReturnType<typeof createRegistrySandbox>;
} {
  const seed = options.seed ?? SANDBOX_DEFAULTS.seed;
  const clients = options.clients && options.clients.length > 0 ? options.clients : [DEMO_CLIENT];
  const ids = new Set(clients.map((c) => c.clientId));
  if (ids.size !== clients.length) throw new Error('Sandbox client ids must be unique');
  const world = new World({
    seed,
    borrowers: options.borrowers ?? SANDBOX_DEFAULTS.borrowers,
    nowMs: (options.now ?? new Date()).getTime(),
    frozenClock: options.frozenClock ?? false,
    tokenTtlSeconds: options.tokenTtlSeconds ?? SANDBOX_DEFAULTS.tokenTtlSeconds,
    clients,
  });
  const faults = new Faults(seed, options.faults ?? {});
  const stats = new Stats(faults);
  const control: SandboxControl = {
    now: () => new Date(Math.floor(world.nowMs())),
    advanceTime: (opts) => world.advanceTime(opts),
    reviseYtd: (opts) => world.reviseYtd(opts),
    setRelationshipState: (orgNr, state, clientId) => world.setRelationshipState(orgNr, state, clientId),
    setFaults: (f: FaultConfig) => faults.set(f),
    getFaults: () => faults.get(),
    expireAllTokens: () => world.expireAllTokens(),
    stats: () => stats.snapshot(),
    resetStats: () => stats.reset(),
    truth: (clientId) => world.truth(clientId),
    bankNotificationCount: (clientId) => world.client(clientId).notifications.length,
    orgNrs: (clientId, state) =>
      world
        .client(clientId)
        .relationships.filter((r) => state === undefined || r.state === state)
        .map((r) => r.orgNr),
    customerList: (clientId) => [...world.client(clientId).customers],
  };
  return { world, faults, stats, control, registry: createRegistrySandbox(world, options.registry) };
}

/** Starts the sandbox on 127.0.0.1 (a free port unless options.port is given). */
export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  const { world, faults, stats, control, registry } = createSandboxCore(options);
  // Set below, once the server exists; the control endpoint reaches it through this.
  let stopListening: () => Promise<void> = async () => {};
  const handler = new SandboxServer(world, faults, stats, control, {
    relationshipOrgNr: relationshipOrgNr(options),
    shuffle: options.shuffle ?? false,
    stopListening: () => void stopListening(),
    extraRoutes: registry.server,
  });
  const server: Server = createServer(handler.handle);
  server.keepAliveTimeout = 5_000;
  const sockets = new Set<Socket>();
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  const listen = (port: number) =>
    new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => {
        server.off('error', reject);
        resolve();
      });
    });
  await listen(options.port ?? 0);
  const port = (server.address() as AddressInfo).port;
  let stopped: Promise<void> | null = null;
  stopListening = () => {
    stopped ??= new Promise<void>((resolve) => {
      handler.cancelTimers();
      registry.server.cancelTimers();
      server.close(() => resolve());
      // Open keep-alive connections would otherwise still be served. Each is ended once what was already written
      // to it (the stop-listening answer itself) is out; an unanswered request on one sees the connection close.
      for (const s of sockets) s.end(() => s.destroy());
    });
    return stopped;
  };
  const resumeListening = async () => {
    if (!stopped) return;
    await stopped;
    stopped = null;
    await listen(port);
  };
  const origin = `http://127.0.0.1:${port}`;
  const demo = world.client();
  let closed: Promise<void> | null = null;
  return {
    origin,
    tokenUrl: `${origin}${TOKEN_PATH}`,
    apiBaseUrl: `${origin}${API_PREFIX}`,
    controlUrl: `${origin}${CONTROL_PREFIX}`,
    clientId: demo.config.clientId,
    clientSecret: demo.config.clientSecret,
    control,
    registry: {
      enhetsregisteretUrl: `${origin}${REGISTRY_PREFIXES.enhetsregisteret}`,
      regnskapsregisteretUrl: `${origin}${REGISTRY_PREFIXES.regnskapsregisteret}`,
      controlUrl: `${origin}${REGISTRY_CONTROL_PREFIX}`,
      control: registry.server.control,
    },
    stopListening: () => stopListening(),
    resumeListening,
    close: () => {
      closed ??= (async () => {
        const done = stopped ?? stopListening();
        // Closing does not wait for slow readers.
        for (const s of sockets) s.destroy();
        await done;
      })();
      return closed;
    },
  };
}
