import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Worker, type WorkerOptions } from 'node:worker_threads';

/**
 * A starter for a worker thread run from its TypeScript source with tsx's loader: for every binding that runs the
 * sources (the browser host, the CLI, the tests). The desktop app starts the bundled workers instead
 * (electron/app/main.ts, electron-vite's `?nodeWorker`).
 */
export function sourceWorker(file: URL): (options: WorkerOptions) => Worker {
  const tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
  return (options) => new Worker(file, { ...options, execArgv: ['--import', tsx] });
}
