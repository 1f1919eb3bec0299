/**
 * The pack worker: builds one credit-committee pack in a thread of its own, from its own read-only use of the
 * profile's cache, and ends (pack-runner.ts starts it). Why a thread: PACK_WORKER_LIMITS; docs/architecture.md.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { openCache } from '../../db/cache';
import { cachePackSource } from './cache-pack-source';
import { buildPack } from './pack-builder';
import { toPackWireError, type PackJob, type PackWorkerReply, type PackWorkerRequest } from './pack-worker-protocol';

const port = parentPort;
if (!port) throw new Error('pack-worker.ts runs as a worker thread, started by pack-runner.ts');
const job = workerData as PackJob;
const post = (m: PackWorkerReply) => port.postMessage(m);
const cancel = new AbortController();
port.on('message', (m: PackWorkerRequest) => {
  if (m.type === 'cancel') cancel.abort();
});

// No top-level await: the desktop app's bundle of this worker is CommonJS.
async function run(): Promise<void> {
  // The main side opened and migrated the file first; this connection leaves a running sync's run as it is.
  const cache = openCache(job.profileId, job.cacheFile, { reader: true });
  try {
    const source = await cachePackSource({ openCache: () => cache, profile: () => job.profile, clock: () => job.today })(job.profileId, job.orgNrs);
    const outcome = await buildPack(source, job.options, job.target, {
      signal: cancel.signal,
      onProgress: (p) => post({ type: 'progress', ...p }),
    });
    post({ type: 'done', outcome });
  } finally {
    cache.close();
  }
}

run()
  .catch((e: unknown) => post({ type: 'failed', error: toPackWireError(e) }))
  .finally(() => port.close());
