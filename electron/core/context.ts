import type { Emit } from '../../shared/contract';
import { productName, version as packageVersion } from '../../package.json';
import type { CredentialStore } from '../services/credentials/credential-store';
import { createFileLogger, type Logger } from '../services/log';
import type { StartPackWorker } from '../services/export/pack-runner';
import type { StartWriterWorker } from '../services/sync/cache-writer';

/** Everything the services are built from. One composition root (container.ts) turns this into the handler table. */
export interface AppContext {
  appName: string;
  appVersion: string;
  /** The per-user data folder (caches, settings, logs, exports in the browser host). Created on first start. */
  dataDir: string;
  host: 'electron' | 'browser' | 'cli' | 'test';
  /** Electron's net.fetch in the app (system proxy, OS certificates), Node's fetch elsewhere. */
  fetch: typeof fetch;
  credentials: CredentialStore;
  clock: () => Date;
  emit: Emit;
  log: Logger;
  runtime: { electron: string | null; chrome: string | null };
  startedAt: Date;
  /** Starts the sync's cache-writer worker (sync/cache-writer.ts); absent: a sync writes in the main thread. */
  startWriterWorker?: StartWriterWorker;
  /** Starts the pack worker (export/pack-runner.ts); absent: a pack is built in the main thread. */
  startPackWorker?: StartPackWorker;
}

/** What a binding must say about itself; everything else has the default every binding would write. */
export type AppContextInit = Pick<AppContext, 'dataDir' | 'host' | 'credentials'> & Partial<Omit<AppContext, 'dataDir' | 'host' | 'credentials'>>;

/**
 * The one way to build an AppContext: the desktop main, the browser host, the CLI, the soak run, the benchmark and
 * the tests' helpers all call this, passing what differs (the host, the keychain, Electron's fetch, an emit, a
 * test's clock). Defaults: the package's name and version, Node's fetch, the wall clock, an emit that drops
 * events, the file log in the data folder, the runtime's own Electron and Chrome versions (null outside
 * Electron), and sync writes and packs in the main thread. The keychain is never defaulted: where secrets live is a choice.
 */
export function createAppContext(init: AppContextInit): AppContext {
  const clock = init.clock ?? (() => new Date());
  // A field passed as undefined takes its default, as one left out does.
  const given = Object.fromEntries(Object.entries(init).filter(([, v]) => v !== undefined)) as AppContextInit;
  return {
    appName: productName,
    appVersion: packageVersion,
    fetch: globalThis.fetch,
    clock,
    emit: () => {},
    runtime: { electron: process.versions['electron'] ?? null, chrome: process.versions['chrome'] ?? null },
    startedAt: clock(),
    ...given,
    log: init.log ?? createFileLogger(init.dataDir),
  };
}
