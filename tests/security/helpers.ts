/**
 * The real app for the security suites: createAppServices on a temp data folder (real SQLite, a memory keychain
 * unless one is given), the dispatcher both bindings use, a recording emit, and a custom profile on a sandbox.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { startSandbox, type Sandbox, type SandboxOptions } from '../../electron/sandbox/index';
import { createDispatcher, type Dispatch } from '../../electron/core/dispatch';
import { createAppServices, type AppServices, type ServiceOverrides } from '../../electron/core/container';
import { createAppContext } from '../../electron/core/context';
import { MemoryCredentialStore, type CredentialStore } from '../../electron/services/credentials/credential-store';
import { createFileLogger } from '../../electron/services/log';
import type { Emit, Envelope, EventName } from '../../shared/contract';
import { ALL_SCOPES } from '../../shared/symetrisk/defaults';

export interface Recorded {
  event: EventName;
  payload: unknown;
}

export interface SecurityApp {
  dir: string;
  services: AppServices;
  credentials: CredentialStore;
  dispatch: Dispatch;
  /** Calls a channel the way a binding does; every envelope is also kept in `envelopes`. */
  call(channel: string, input?: unknown): Promise<Envelope<unknown>>;
  envelopes: Envelope<unknown>[];
  events: Recorded[];
  /** Resolves when an emitted event matches (or one already did, at index `since` or later). Never waits on time. */
  waitForEvent(event: EventName, match?: (payload: unknown) => boolean, since?: number): Promise<unknown>;
  close(): Promise<void>;
}

export function tempDir(prefix: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

export async function makeSecurityApp(
  opts: { dir?: string; credentials?: CredentialStore; fetch?: typeof fetch; clock?: () => Date; overrides?: ServiceOverrides } = {},
): Promise<SecurityApp> {
  const dir = opts.dir ?? tempDir('desk-sec-');
  const credentials = opts.credentials ?? new MemoryCredentialStore();
  const events: Recorded[] = [];
  const waiters: { event: EventName; match: (p: unknown) => boolean; resolve: (p: unknown) => void }[] = [];
  const emit: Emit = (event, payload) => {
    events.push({ event, payload });
    for (const w of [...waiters]) {
      if (w.event === event && w.match(payload)) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(payload);
      }
    }
  };
  const services = await createAppServices(
    createAppContext({
      appVersion: '0.0.0-security',
      dataDir: dir,
      host: 'test',
      fetch: opts.fetch,
      credentials,
      clock: opts.clock,
      emit,
      log: createFileLogger(dir, { level: 'debug' }),
    }),
    opts.overrides ?? {},
  );
  const dispatch = createDispatcher(services.handlers, { validateOutput: true });
  const envelopes: Envelope<unknown>[] = [];
  return {
    dir,
    services,
    credentials,
    dispatch,
    envelopes,
    events,
    async call(channel, input) {
      const env = await dispatch(channel, input, { host: 'test' });
      envelopes.push(env);
      return env;
    },
    waitForEvent(event, match = () => true, since = 0) {
      const seen = events.slice(since).find((e) => e.event === event && match(e.payload));
      if (seen) return Promise.resolve(seen.payload);
      return new Promise((resolve) => waiters.push({ event, match, resolve }));
    },
    async close() {
      await services.close();
      if (!opts.dir) fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * Adds a custom profile on the sandbox through the bridge and returns its id; then, as a bank would, follows its
 * customer list (the documented relationship list carries no org numbers: a sync looks the followed numbers up).
 */
export async function addSandboxProfile(app: SecurityApp, sandbox: Sandbox, name = 'Sandbox bank', secret = sandbox.clientSecret): Promise<string> {
  const env = await app.call('connections:create', {
    name,
    environment: 'custom',
    clientId: sandbox.clientId,
    tokenUrl: sandbox.tokenUrl,
    apiBaseUrl: sandbox.apiBaseUrl,
    scopes: [...ALL_SCOPES],
    secret,
  });
  if (!env.ok) throw new Error(`connections:create failed: ${JSON.stringify(env.error)}`);
  const id = (env.value as { id: string }).id;
  const followed = await app.call('followed:follow', { profileId: id, lines: sandbox.control.customerList(), source: 'import' });
  if (!followed.ok) throw new Error(`followed:follow failed: ${JSON.stringify(followed.error)}`);
  return id;
}

/** Starts a sync through the bridge and waits for its sync:finished event. */
export async function syncThroughBridge(app: SecurityApp, profileId: string): Promise<{ outcome: string; message: string | null; id: number }> {
  // Run ids restart in a fresh cache, so only events after this start count.
  const since = app.events.length;
  const env = await app.call('sync:start', { profileId });
  if (!env.ok) throw new Error(`sync:start failed: ${JSON.stringify(env.error)}`);
  const runId = (env.value as { runId: number }).runId;
  return (await app.waitForEvent('sync:finished', (p) => (p as { id: number }).id === runId && (p as { profileId: string }).profileId === profileId, since)) as {
    outcome: string;
    message: string | null;
    id: number;
  };
}

export async function sandbox(opts: SandboxOptions = {}): Promise<Sandbox> {
  return startSandbox({ seed: 17, borrowers: 12, now: new Date('2026-03-02T09:00:00Z'), ...opts });
}

/**
 * What the data folder holds, logically: every SQLite database's rows table by table (read through a separate
 * read-only connection, so WAL content counts and lock bookkeeping does not), every other file's hash. Logs are
 * left out (they are expected to grow); callers compare two of these.
 */
export function dataFolderState(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const rel of fs.readdirSync(dir, { recursive: true, encoding: 'utf8' }).sort()) {
    const file = path.join(dir, rel);
    if (rel.startsWith('logs') || !fs.statSync(file).isFile()) continue;
    if (/-(wal|shm|journal)$/.test(rel)) continue;
    if (rel.endsWith('.sqlite')) {
      const db = new Database(file, { readonly: true, fileMustExist: true });
      try {
        const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as { name: string }[];
        const h = createHash('sha256');
        for (const t of tables) {
          const rows = (db.prepare(`SELECT * FROM "${t.name.replaceAll('"', '""')}"`).all() as unknown[]).map((r) => JSON.stringify(r)).sort();
          h.update(`${t.name}:${rows.length}:${rows.join('\n')}`);
        }
        out[rel] = `sqlite:${h.digest('hex')}`;
      } finally {
        db.close();
      }
      continue;
    }
    out[rel] = `file:${createHash('sha256').update(fs.readFileSync(file)).digest('hex')}`;
  }
  return out;
}

/** The value of a successful envelope; throws with the error otherwise (so a failure names itself). */
export function valueOf<T = unknown>(env: Envelope<unknown>): T {
  if (!env.ok) throw new Error(`expected ok, got ${env.error.code}: ${env.error.message}`);
  return env.value as T;
}
