import { sourceWorker } from '../source-worker';
import type { StartWriterWorker } from './cache-writer';

/** The cache-writer worker from its TypeScript source (the desktop app starts the bundled one). */
export function sourceWriterWorker(): StartWriterWorker {
  return sourceWorker(new URL('./cache-writer-worker.ts', import.meta.url));
}
