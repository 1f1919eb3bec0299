/**
 * What most specs begin with: a call of the handler table through the browser host's own endpoint (as the page
 * makes it, with the launch token), and a first run on the Demo (chosen, synced).
 */
import { expect, type Page } from '@playwright/test';
import type { RunningHost } from './fixtures';
import { AppShell } from './pages/app';
import { SyncPage } from './pages/sync';
import { WelcomePage } from './pages/welcome';

/** Calls one channel of the host's handler table; a refused call fails with its channel and message. */
export async function callHost<T>(host: RunningHost, channel: string, input: unknown): Promise<T> {
  const res = await fetch(`${host.origin}/api/call/${channel}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-Desk-Token': host.token },
    body: JSON.stringify({ input }),
  });
  const env = (await res.json()) as { ok: boolean; value: T; error?: { message: string } };
  if (!env.ok) throw new Error(`${channel}: ${env.error?.message}`);
  return env.value;
}

/** First start on a fresh data folder: the Demo chosen on the welcome page and synced to its end (ok or partial). */
export async function firstDemoSync(page: Page, host: RunningHost): Promise<AppShell> {
  const app = new AppShell(page);
  await app.open(host);
  await new WelcomePage(page).chooseDemo();
  const sync = new SyncPage(page);
  await sync.startSync();
  expect(await sync.waitUntilFinished()).toMatch(/ok|partial/);
  return app;
}
