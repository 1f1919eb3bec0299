/**
 * A sync that fails, worded (issue 17): the sync page says why in the analyst's language, once, with no error
 * code ("auth_failed") and no sentence twice ("… could not be reached: … could not be reached"), and says the stored
 * data is kept. Symetrisk refusing every token, and Symetrisk answering every call with a server error.
 *
 * Its own browser host and data folder: a first run.
 */
import { expect, startWebHost, test, type RunningHost } from './fixtures';
import { SyncPage } from './pages/sync';
import { languageFindings, report } from './walk/checker';
import { callHost, firstDemoSync } from './demo';

test.describe.configure({ mode: 'serial' });

let host: RunningHost;

const call = <T>(channel: string, input: unknown): Promise<T> => callHost<T>(host, channel, input);

async function setFaults(faults: Record<string, unknown>): Promise<void> {
  const profiles = await call<{ id: string; apiBaseUrl: string }[]>('connections:list', undefined);
  const control = `${new URL(profiles.find((p) => p.id === 'demo')!.apiBaseUrl).origin}/_control`;
  const res = await fetch(`${control}/faults`, { method: 'PUT', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(faults) });
  expect(res.ok).toBe(true);
}

/** The sentences of a text, each once: a reason repeated inside its own message shows as a sentence twice. */
function repeated(text: string): string[] {
  const parts = text.split(/(?<=[.:])\s+/).map((s) => s.replace(/[.:]$/, '').trim().toLowerCase()).filter((s) => s.length > 8);
  return parts.filter((p, i) => parts.indexOf(p) !== i || parts.some((q, j) => j !== i && q !== p && q.includes(p)));
}

test.beforeAll(async () => {
  host = await startWebHost();
});
test.afterAll(async () => {
  await host?.stop();
});

const CASES = [
  { name: 'every token refused', shot: 'token', faults: { earlyTokenExpiryRate: 1 } },
  { name: 'a server error on every call', shot: 'server', faults: { errorRate: 1, errorStatuses: [503] } },
] as const;

test('a failed sync says why once, in words, in both languages, and that the stored data is kept', async ({ page }) => {
  test.setTimeout(120_000);
  const app = await firstDemoSync(page, host);
  const sync = new SyncPage(page);
  for (const c of CASES) {
    await setFaults(c.faults);
    for (const lang of ['nb', 'en'] as const) {
      await call('settings:update', { language: lang });
      await app.open(host, '/sync');
      await expect(page.locator('html')).toHaveAttribute('lang', lang);
      await sync.startSync();
      expect(await sync.waitUntilFinished(), c.name).toBe('failed');
      // The progress of the ended run says how it ended, not "Ferdig".
      await expect(page.getByTestId('sync-phase')).toHaveText(lang === 'nb' ? /^Feilet\b/ : /^Failed\b/);
      const summary = (await page.getByTestId('last-run-summary').textContent())!.trim();
      expect(summary, c.name).toMatch(lang === 'nb' ? /Lagrede data er uendret\.$/ : /The stored data (is|are) unchanged\.$/);
      expect(repeated(summary), `${c.name}: ${summary}`).toEqual([]);
      expect(report(await languageFindings(page, lang)), `${c.name} (${lang})`).toEqual([]);
      await app.screenshot(`17-sync-failed-${lang}-${c.shot}`);
    }
    await setFaults({});
  }
  await call('settings:update', { language: 'nb' });
});
