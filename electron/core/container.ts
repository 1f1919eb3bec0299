/**
 * The composition root: builds every service from the AppContext and returns the handler table that both
 * bindings serve (Electron IPC and the browser host; the CLI calls the same table), plus a close function.
 * No module-level singletons anywhere else.
 *
 * Built in dependency order, each service from what is already built, with no setter called afterwards: desk.sqlite
 * (profiles, settings), the resolver, the caches (and the Demo's customer-list seed), the API clients (one per
 * profile, shared by sync, access requests and the pack), then connections, sync, one service per channel domain
 * over the caches (portfolio, followed, limits, notifications), export, and access (its signup links are exported).
 */
import type Database from 'better-sqlite3';
import { AppError, type Handlers } from '../../shared/contract';
import { connectionsHandlers } from './handlers/connections';
import { settingsHandlers } from './handlers/settings';
import { systemHandlers } from './handlers/system';
import { accessHandlers } from './handlers/access';
import { followedHandlers } from './handlers/followed';
import { limitsHandlers } from './handlers/limits';
import { notificationsHandlers } from './handlers/notifications';
import { portfolioHandlers } from './handlers/portfolio';
import { syncHandlers } from './handlers/sync';
import { exportHandlers } from './handlers/export';
import { workflowHandlers } from './handlers/workflow';
import { registryHandlers } from './handlers/registry';
import { AccessService } from '../services/access/access-service';
import { cachePackSource, packProfile } from '../services/export/cache-pack-source';
import { ExportService, type ExportServiceDeps } from '../services/export/export-service';
import { FollowedService } from '../services/followed/followed-service';
import { LimitsService } from '../services/limits/limits-service';
import { NotificationsService } from '../services/notifications/notifications-service';
import { CacheRegistry, cacheAdapterFor } from '../services/portfolio/cache-registry';
import { runPackInWorker } from '../services/export/pack-runner';
import { PortfolioService } from '../services/portfolio/portfolio-service';
import { SyncService } from '../services/sync/sync-service';
import { TeamReplicas } from '../services/team/replica-service';
import { WorkflowSharing } from '../services/team/workflow-sharing';
import { WorkflowService } from '../services/workflow/workflow-service';
import { RegistryService } from '../services/registry/registry-service';
import { PortfolioRegistry } from '../services/registry/registry-view';
import type { RegistryHttpDeps } from '../services/registry/http';
import { openAppDb } from '../services/connections/app-db';
import type { ProfileCacheAdapter } from '../services/connections/cache-adapter';
import { createConnectionResolver, type ConnectionResolver } from '../services/connections/connection-resolver';
import { ConnectionsService } from '../services/connections/connections-service';
import { ProfileStore } from '../services/connections/profile-store';
import { SymetriskClients } from '../services/symetrisk/clients';
import { createSandboxDemoBackend, demoCustomerSeed, type DemoBackend } from '../services/connections/demo';
import type { AppContext } from './context';
import { SettingsService } from '../services/settings/settings-service';
import { securePrivateData } from '../services/data-dir';

export interface AppServices {
  handlers: Handlers;
  /** Finished exports by id, for the browser host's download route. */
  resolveDownload?: (exportId: string) => { path: string; fileName: string } | null;
  /** For bindings that need more than the table (the CLI resolves a profile by name) and for tests. */
  connections: ConnectionsService;
  settings: SettingsService;
  /** What the API clients use to reach a profile's Symetrisk. */
  resolver: ConnectionResolver;
  /** One Symetrisk API client per profile (its token shared by sync, access requests and the pack). */
  clients: SymetriskClients;
  /** Runs syncs on the job runner (sync.start resolves with the run id and `done`). */
  sync: SyncService;
  /** The cache's read side: portfolio rows, a borrower with its rules evaluated, two snapshots compared. */
  portfolio: PortfolioService;
  /** The register of followed org numbers. */
  followed: FollowedService;
  /** Thresholds (each rule's limit and switch) and covenants. */
  limits: LimitsService;
  notifications: NotificationsService;
  access: AccessService;
  /** The analyst's notes, watch-list, assignment and assessment. */
  workflow: WorkflowService;
  /** One open cache per profile (the Excel export reads through portfolio, or opens a cache here). */
  caches: CacheRegistry;
  /** Excel exports (the CLI's `export --out` calls startPack with a target and awaits `wait`). */
  exports: ExportService;
  /** Brønnøysundregistrene: the registry step of a sync and name proposals. */
  registry: RegistryService;
  /** The Demo's backend (the in-process sandbox): the team sync of the Demo follows its customer list. */
  demo: DemoBackend;
  /** Stops running work, closes the Demo sandbox and every database. Safe to call twice. */
  close(): Promise<void>;
}

/** Test and tool seams; the app passes none. */
export interface ServiceOverrides {
  /** Replaces the in-process sandbox behind the Demo profile (tests pass one with their own seed and size). */
  demo?: DemoBackend;
  /** Replaces the profile-cache adapter (last sync run, delete cache). */
  cache?: ProfileCacheAdapter;
  /** The sync client's deadline per attempt (the soak shortens it so that a stalling server ends runs quickly). */
  syncAttemptTimeoutMs?: number;
  /** Timeouts of connections:test and connections:reachability. */
  testTimeoutMs?: number;
  reachabilityTimeoutMs?: number;
  /** The registry client's deadline per attempt and waits between attempts (tests of a slow or failing registry). */
  registryHttp?: Pick<RegistryHttpDeps, 'timeoutMs' | 'policy' | 'sleep'>;
  /** Desktop only (electron/app/main.ts): the save dialog and "show in folder"; elsewhere exports go to <dataDir>/exports. */
  exportDesktop?: Pick<ExportServiceDeps, 'chooseExportPath' | 'revealFile' | 'printWindowToPdf'>;
}

export async function createAppServices(ctx: AppContext, overrides: ServiceOverrides = {}): Promise<AppServices> {
  // Private to the user (0700, its own folders and files too), whichever binding created it and when.
  securePrivateData(ctx.dataDir);
  // --- app-level store: profiles, the resolver, the API clients, settings -----------------------------------
  const appDb: Database.Database = openAppDb(ctx.dataDir);
  const demo =
    overrides.demo ??
    createSandboxDemoBackend(async () => (await import('../sandbox/index')).startSandbox, {});
  const profiles = new ProfileStore(appDb);
  const resolver = createConnectionResolver({ dataDir: ctx.dataDir, profiles, credentials: ctx.credentials, demo });
  // Only a profile that exists has a cache: a call naming any other id is not_found, never a new empty file.
  const caches = new CacheRegistry((id) => {
    if (profiles.get(id) === null) throw new AppError('not_found', 'There is no such connection profile.', { profileId: id });
    return resolver.cachePath(id);
  });
  // The Demo starts as a bank would: a new Demo cache follows its bank's customer list before it is read or synced.
  const seedDemo = demoCustomerSeed({ demo, open: (id) => caches.open(id), clock: ctx.clock });
  const clients = new SymetriskClients({
    resolve: async (id) => {
      const conn = await resolver.resolve(id);
      await seedDemo(id);
      return conn;
    },
    fetch: ctx.fetch,
    clock: ctx.clock,
    ...(overrides.syncAttemptTimeoutMs !== undefined ? { client: { timeoutMs: overrides.syncAttemptTimeoutMs } } : {}),
  });
  const settings = new SettingsService({ db: appDb, profileExists: (id) => profiles.get(id) !== null });

  // --- connections, sync, portfolio, export ---------------------------------------------------------------
  const connections = new ConnectionsService({
    profiles,
    resolver,
    clients,
    credentials: ctx.credentials,
    demo,
    fetch: ctx.fetch,
    clock: ctx.clock,
    log: ctx.log,
    emit: ctx.emit,
    cache: overrides.cache ?? cacheAdapterFor(caches),
    onRemoved: (id) => settings.forgetProfile(id),
    ...(overrides.testTimeoutMs !== undefined ? { testTimeoutMs: overrides.testTimeoutMs } : {}),
    ...(overrides.reachabilityTimeoutMs !== undefined ? { reachabilityTimeoutMs: overrides.reachabilityTimeoutMs } : {}),
  });
  // On a team connection, what the analyst writes is queued and pushed to the team database (soon after each save,
  // and first thing in each sync); the sync's copy brings back the other desks' versions.
  const sharing = new WorkflowSharing({ profiles, resolveTeam: (id) => resolver.team(id), caches, clock: ctx.clock, log: ctx.log, emit: ctx.emit });
  // A team connection's "sync" copies the bank's team database into its cache instead of asking Symetrisk.
  const replicas = new TeamReplicas({
    profiles,
    resolveTeam: (id) => resolver.team(id),
    clock: ctx.clock,
    log: ctx.log,
    onBank: (id, name) => connections.learnedBankName(id, name),
    share: (id) => sharing.push(id),
  });
  // The registry (Brønnøysund): the Demo's own sandbox, the real one for the rest; nothing at all when switched off.
  const registry = new RegistryService({
    profile: (id) => profiles.get(id),
    demo,
    fetch: ctx.fetch,
    clock: ctx.clock,
    log: ctx.log,
    enabled: () => settings.get().registryEnabled,
    ...(overrides.registryHttp ? { http: overrides.registryHttp } : {}),
  });
  const sync = new SyncService({
    replicaFor: (id) => replicas.runnerFor(id),
    caches,
    clients,
    registry,
    clock: ctx.clock,
    log: ctx.log,
    emit: ctx.emit,
    ...(ctx.startWriterWorker ? { startWriterWorker: ctx.startWriterWorker } : {}),
    // The bank facts of /self are cached as every sync starts (beside it, with its token): the export reads them.
    onStarted: (id, client) => void connections.learnBank(id, client),
  });
  const portfolio = new PortfolioService({
    caches,
    clock: ctx.clock,
    log: ctx.log,
    staleAfterDays: () => settings.get().staleAfterDays,
    registry: new PortfolioRegistry({ clock: ctx.clock, enabled: () => settings.get().registryEnabled }),
  });
  const followed = new FollowedService({ caches, clock: ctx.clock, client: (id) => clients.get(id), prepare: seedDemo });
  const limits = new LimitsService({ caches });
  const notifications = new NotificationsService({ caches, emit: ctx.emit });
  // Every version the analyst writes is signed with the Analyst name setting (the OS user's name until changed).
  const workflow = new WorkflowService({ caches, clock: ctx.clock, author: () => settings.get().analystName, sharing });
  const startPackWorker = ctx.startPackWorker;
  const exports = new ExportService({
    dataDir: ctx.dataDir,
    host: ctx.host,
    appVersion: ctx.appVersion,
    clock: ctx.clock,
    emit: ctx.emit,
    log: ctx.log,
    packSource: cachePackSource({
      openCache: (id) => caches.open(id),
      profile: (id) => profiles.get(id),
      clock: ctx.clock,
    }),
    // The pack in a thread of its own where the binding can start one: the same source, read through the worker's
    // own connection to the cache file (the main side opened and migrated it when it resolved the request).
    ...(startPackWorker
      ? {
          runPack: (req, run) => {
            const profile = profiles.get(req.profileId);
            if (!profile) throw new AppError('not_found', 'There is no such connection profile.', { profileId: req.profileId });
            const job = { ...req, cacheFile: resolver.cachePath(req.profileId), profile: packProfile(profile), today: ctx.clock() };
            return runPackInWorker(startPackWorker, job, run);
          },
        }
      : {}),
    settings: () => settings.get(),
    portfolioTable: (input) => portfolio.tableJob(input),
    ...overrides.exportDesktop,
  });
  const access = new AccessService({
    caches,
    clock: ctx.clock,
    client: (id) => clients.get(id),
    exportCsv: (input) => exports.startCsv(input),
    language: () => settings.get().language,
  });
  // The Handlers type makes a channel without a handler a compile error.
  const handlers: Handlers = {
    ...systemHandlers(ctx),
    ...settingsHandlers(settings),
    ...connectionsHandlers(connections),
    ...syncHandlers(sync),
    ...portfolioHandlers(portfolio),
    ...followedHandlers(followed),
    ...limitsHandlers(limits),
    ...notificationsHandlers(notifications),
    ...accessHandlers(access),
    ...workflowHandlers(workflow),
    ...registryHandlers(registry),
    ...exportHandlers(exports),
  };

  // In this order: running exports are cancelled (their temp files removed) and running syncs end before the
  // Demo sandbox goes, so nothing is left talking to a closed port mid-write; then the caches, then desk.sqlite.
  const closers: (() => Promise<void> | void)[] = [
    () => exports.close(),
    () => sync.close(),
    () => sharing.close(),
    () => demo.close(),
    () => caches.closeAll(),
    () => appDb.close(),
  ];

  let closing: Promise<void> | null = null;
  return {
    handlers,
    connections,
    settings,
    resolver,
    clients,
    sync,
    portfolio,
    followed,
    limits,
    notifications,
    access,
    workflow,
    caches,
    exports,
    registry,
    demo,
    resolveDownload: (id) => exports.resolveDownload(id),
    close() {
      closing ??= (async () => {
        for (const close of closers) {
          try {
            await close();
          } catch (e) {
            ctx.log.warn('close failed', { error: e });
          }
        }
      })();
      return closing;
    },
  };
}
