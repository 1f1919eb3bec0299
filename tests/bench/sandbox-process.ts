import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FaultConfig, SandboxOptions, SandboxStats, TruthRow } from '../../electron/sandbox/index';

const here = path.dirname(fileURLToPath(import.meta.url));
export const ROOT = path.resolve(here, '../..');

/** The sandbox running in a child process, driven through its HTTP control API. */
export interface SandboxProcess {
  origin: string;
  tokenUrl: string;
  apiBaseUrl: string;
  clientId: string;
  clientSecret: string;
  stats(): Promise<SandboxStats>;
  resetStats(): Promise<void>;
  truth(): Promise<TruthRow[]>;
  setFaults(f: FaultConfig): Promise<void>;
  advanceTime(opts: { days: number; share?: number; orgNrs?: string[] }): Promise<{ changedOrgNrs: string[] }>;
  orgNrs(state?: string): Promise<string[]>;
  close(): Promise<void>;
}

/** Starts `tests/bench/sandbox-child.ts` with node + tsx (the project's Node 22) and waits until it listens. */
export async function startSandboxProcess(opts: Omit<SandboxOptions, 'now' | 'port'> & { now?: string }): Promise<SandboxProcess> {
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', path.join(here, 'sandbox-child.ts'), JSON.stringify(opts)], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const origin = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout!.setEncoding('utf8');
    child.stdout!.on('data', (c: string) => {
      out += c;
      const m = /SANDBOX (\S+)/.exec(out);
      if (m) resolve(m[1]!);
    });
    child.once('exit', (code) => reject(new Error(`the sandbox exited (${code}) before listening`)));
  });
  const control = async <T>(method: string, p: string, body?: unknown): Promise<T> => {
    const res = await fetch(`${origin}/_control${p}`, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!res.ok) throw new Error(`sandbox control ${method} ${p}: ${res.status} ${await res.text()}`);
    return (await res.json()) as T;
  };
  return {
    origin,
    tokenUrl: `${origin}/oauth2/token`,
    apiBaseUrl: `${origin}/api/v1`,
    clientId: 'symetrisk-desk-demo',
    clientSecret: 'demo-secret-not-for-production',
    stats: () => control<SandboxStats>('GET', '/stats'),
    resetStats: async () => {
      await control('POST', '/stats/reset');
    },
    truth: () => control<TruthRow[]>('GET', '/truth'),
    setFaults: async (f) => {
      await control('PUT', '/faults', f);
    },
    advanceTime: (o) => control<{ changedOrgNrs: string[] }>('POST', '/advance-time', o),
    orgNrs: (state) => control<string[]>('GET', `/org-nrs${state ? `?state=${state}` : ''}`),
    close: async () => {
      if (child.exitCode !== null) return;
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
    },
  };
}
