import { sourceWorker } from '../source-worker';
import type { StartPackWorker } from './pack-runner';

/** The pack worker from its TypeScript source (the desktop app starts the bundled one). */
export function sourcePackWorker(): StartPackWorker {
  return sourceWorker(new URL('./pack-worker.ts', import.meta.url));
}
