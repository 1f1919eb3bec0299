import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { StartWriterWorker } from './cache-writer';

/**
 * Starts the cache-writer worker from its TypeScript source with tsx's loader: for every binding that runs the
 * sources (the browser host, the CLI, the benchmark, the tests). The desktop app starts the bundled worker instead
 * (electron/app/main.ts, electron-vite's `?nodeWorker`).
 */
export function sourceWriterWorker(): StartWriterWorker {
  const tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
  const file = new URL('./cache-writer-worker.ts', import.meta.url);
  return (options) => new Worker(file, { ...options, execArgv: ['--import', tsx] });
}
