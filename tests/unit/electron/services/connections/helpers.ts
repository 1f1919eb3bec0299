/** Builds the real app services on a temp data folder for tests: real SQLite, memory keychain unless given one. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Emit, EventName, EventPayload } from '../../../../../shared/contract';
import { createAppServices, type AppServices, type ServiceOverrides } from '../../../../../electron/core/container';
import { createAppContext, type AppContext } from '../../../../../electron/core/context';
import { MemoryCredentialStore, type CredentialStore } from '../../../../../electron/services/credentials/credential-store';
import { createFileLogger } from '../../../../../electron/services/log';

export interface TestApp {
  dir: string;
  services: AppServices;
  credentials: CredentialStore;
  events: { event: EventName; payload: EventPayload<EventName> }[];
  close(): Promise<void>;
}

export function tempDir(prefix = 'desk-test-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

export function testContext(dir: string, credentials: CredentialStore, emit: Emit, extra: Pick<AppContext, 'startPackWorker' | 'startWriterWorker'> = {}): AppContext {
  return createAppContext({ appVersion: '0.0.0-test', dataDir: dir, host: 'test', credentials, emit, log: createFileLogger(dir, { level: 'debug' }), ...extra });
}

/** `context`: the workers the binding starts (the app, the browser host and the CLI start both). */
export async function makeApp(opts: { dir?: string; credentials?: CredentialStore; overrides?: ServiceOverrides; context?: Pick<AppContext, 'startPackWorker' | 'startWriterWorker'> } = {}): Promise<TestApp> {
  const dir = opts.dir ?? tempDir();
  const credentials = opts.credentials ?? new MemoryCredentialStore();
  const events: TestApp['events'] = [];
  const emit: Emit = (event, payload) => events.push({ event, payload });
  const services = await createAppServices(testContext(dir, credentials, emit, opts.context), opts.overrides ?? {});
  return {
    dir,
    services,
    credentials,
    events,
    async close() {
      await services.close();
      if (!opts.dir) fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
