/**
 * The exporting process of scenario 5: the real services (createAppServices) on a prepared data folder export the
 * Demo profile's pack to a file, then report wall time and this process's peak RSS (getrusage maxrss, the kernel's
 * own high-water mark, not a sample: both threads). Arguments: the data folder and the bundled pack worker, which
 * builds the pack as in the desktop app. Prints one JSON line.
 */
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { createAppServices } from '../../electron/core/container';
import { createAppContext } from '../../electron/core/context';
import { MemoryCredentialStore } from '../../electron/services/credentials/credential-store';
import { nullLogger } from '../../electron/services/log';

const dataDir = process.argv[2]!;
const packWorker = process.argv[3]!;
const services = await createAppServices(
  createAppContext({ appVersion: 'bench', dataDir, host: 'cli', credentials: new MemoryCredentialStore(), log: nullLogger, startPackWorker: (o) => new Worker(packWorker, o) }),
  {
    // Offline Demo: the pack takes the bank's name from the profile, as it does when Symetrisk cannot be reached.
    demo: { start: () => Promise.reject(new Error('offline')), registry: () => Promise.reject(new Error('offline')), current: () => null, close: async () => {} },
  },
);
const rssAtStart = process.resourceUsage().maxRSS;
const t0 = performance.now();
const { exportId } = await services.exports.startPack({ profileId: 'demo' }, { targetPath: path.join(dataDir, 'pack.xlsx') });
const result = await services.exports.wait(exportId);
const ms = performance.now() - t0;
await services.close();
process.stdout.write(
  `${JSON.stringify({ outcome: result.outcome, error: result.error ?? null, ms, bytes: result.bytes ?? 0, maxRssKiB: process.resourceUsage().maxRSS, rssAtStartKiB: rssAtStart })}\n`,
);
