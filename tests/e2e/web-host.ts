/**
 * Starts the real browser host (`tsx electron/host/cli.ts`, what `npm run web` runs after building) as a child
 * process and waits for the URL it prints. Used by the e2e fixtures and by the benchmark's UI scenarios.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export interface SpawnedHost {
  /** The printed URL, with the launch token. */
  url: string;
  /** From spawn to the printed URL. */
  readyMs: number;
  stop(): Promise<void>;
}

export async function spawnWebHost(opts: { dataDir: string; rendererDir?: string; env?: Record<string, string> }): Promise<SpawnedHost> {
  const t0 = performance.now();
  const args = ['electron/host/cli.ts', '--port', '0', '--data-dir', opts.dataDir];
  if (opts.rendererDir) args.push('--renderer-dir', opts.rendererDir);
  const child: ChildProcess = spawn(path.join(ROOT, 'node_modules/.bin/tsx'), args, {
    cwd: ROOT,
    env: { ...process.env, ...opts.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const m = /Open: (\S+)/.exec(output);
      if (m) resolve(m[1]!);
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => reject(new Error(`The browser host exited (${code}) before it was ready:\n${output}`)));
  });
  return {
    url,
    readyMs: performance.now() - t0,
    stop: async () => {
      if (child.exitCode !== null) return;
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
    },
  };
}
