import type { Emit } from '../../shared/contract';
import type { CredentialStore } from '../services/credentials/credential-store';
import type { Logger } from '../services/log';
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
}
