// electron-vite's `?nodeWorker` import (electron/app/main.ts): the worker file bundled as its own chunk, and a factory
// that starts it. Declared here rather than through electron-vite/node's types, which also make
// process.env.ELECTRON_RENDERER_URL read-only for the tests that set it.
declare module '*?nodeWorker' {
  import type { Worker, WorkerOptions } from 'node:worker_threads';
  export default function createWorker(options: WorkerOptions): Worker;
}
