/**
 * The analyst's workbench walked as a new analyst would, in Norwegian and in English, after a first Demo sync:
 * every screen of WALK (tests/e2e/walk/routes.ts) and each of its states, bad input in its forms included, holds
 * no text of the other language and no raw code (walk/checker.ts); Symetrisk's own notification texts and
 * company names are shown as they came. Then: every notification is reachable from the notifications centre,
 * with names; and a call that finds Symetrisk gone turns the strip to unreachable within seconds.
 *
 * Its own browser host and data folder: a first run.
 */
import { expect, startWebHost, test, type RunningHost } from './fixtures';
import { AppShell } from './pages/app';
import { SyncPage } from './pages/sync';
import { WelcomePage } from './pages/welcome';
import { languageFindings, report } from './walk/checker';
import { WALK } from './walk/routes';

test.describe.configure({ mode: 'serial' });

let host: RunningHost;
test.beforeAll(async () => {
  host = await startWebHost();
});
test.afterAll(async () => {
  await host?.stop();
});

async function setLanguage(app: AppShell, lang: 'nb' | 'en'): Promise<void> {
  await app.page.goto(`${host.origin}/#/settings`);
  await app.page.getByTestId(`lang-${lang}`).check();
  await expect(app.page.locator('html')).toHaveAttribute('lang', lang);
}

test('first start: no connection status before one is chosen; the Demo, its first sync with names, then the way to the portfolio', async ({ page }) => {
  const app = new AppShell(page);
  await app.open(host);
  const welcome = new WelcomePage(page);
  await welcome.expectShown();
  await expect(app.strip).toHaveAttribute('data-reachability', 'none');
  await expect(page.getByTestId('strip-none')).toHaveText(/Ingen tilkobling valgt/);
  expect(await languageFindings(page, 'nb'), report(await languageFindings(page, 'nb')).join('\n')).toEqual([]);
  await app.screenshot('walk-00-first-start');
  await welcome.chooseDemo();

  const sync = new SyncPage(page);
  await expect(page.getByTestId('onboarding-steps')).toBeVisible();
  // Chosen: the strip says so, without waiting for the whole sync.
  await expect(app.strip).not.toHaveAttribute('data-reachability', 'none');
  // A Demo sync takes a few seconds: what its progress shows is recorded as it goes, and read afterwards.
  await page.evaluate(() => {
    const seen: Record<string, string[]> = { current: [], calls: [], strip: [] };
    (window as unknown as { seen: typeof seen }).seen = seen;
    const note = () => {
      for (const [key, id] of [['current', 'sync-current'], ['calls', 'sync-calls']] as const) {
        const t = document.querySelector(`[data-testid="${id}"]`)?.textContent?.replace(/\s+/g, ' ').trim();
        if (t && seen[key]!.at(-1) !== t) seen[key]!.push(t);
      }
      const r = document.querySelector('[data-testid="connection-strip"]')?.getAttribute('data-reachability');
      if (r && seen['strip']!.at(-1) !== r) seen['strip']!.push(r);
    };
    new MutationObserver(note).observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true });
  });
  await sync.startSync();
  expect(await sync.waitUntilFinished()).toMatch(/ok|partial/);
  const seen = await page.evaluate(() => (window as unknown as { seen: Record<string, string[]> }).seen);
  // The borrower being fetched is named, and HTTP requests are "kall".
  expect(seen['current']!.some((t) => /^[^\d]*[A-Za-zÆØÅæøå][^\d]* \d{3} \d{3} \d{3}$/.test(t)), seen['current']!.join(' | ')).toBe(true);
  expect(seen['calls']!.length).toBeGreaterThan(0);
  expect(seen['calls']!.every((t) => /^Kall til Symetrisk: [\d\u00a0 ]+ · Nye forsøk: \d+ · Feil: \d+$/.test(t)), seen['calls']!.join(' | ')).toBe(true);
  // The strip never said "Sjekker…" for the whole sync: it was online before the sync ended.
  expect(seen['strip']).toContain('online');
  await expect(app.strip).toHaveAttribute('data-reachability', 'online');
  await expect(page.getByTestId('go-to-portfolio')).toBeVisible();
  await app.screenshot('walk-01-first-sync-done');
  await page.getByTestId('go-to-portfolio').click();
  await expect(page).toHaveURL(/#\/portfolio/);
});

for (const lang of ['nb', 'en'] as const) {
  test(`every screen in ${lang === 'nb' ? 'Norwegian' : 'English'}, with bad input in its forms, holds no text of the other language and no raw code`, async ({ page }) => {
    test.setTimeout(180_000);
    const app = new AppShell(page);
    await app.open(host);
    await setLanguage(app, lang);
    const problems: string[] = [];
    for (const step of WALK) {
      await page.goto(`${host.origin}/#${step.path}`);
      await step.ready(page);
      problems.push(...report(await languageFindings(page, lang)).map((p) => `${step.name}: ${p}`));
      await app.screenshot(`walk-${lang}-${step.name}`);
      for (const state of step.states ?? []) {
        await state.enter(page);
        problems.push(...report(await languageFindings(page, lang)).map((p) => `${step.name} (${state.name}): ${p}`));
        await app.screenshot(`walk-${lang}-${step.name}-${state.name}`);
      }
    }
    expect(problems).toEqual([]);
  });
}

test('every notification is reachable from the notifications centre, with the borrower’s name, and the first sync’s history is read', async ({ page }) => {
  const app = new AppShell(page);
  await app.open(host);
  await setLanguage(app, 'nb');
  await page.goto(`${host.origin}/#/notifications`);
  await expect(page.getByTestId('notifications-page')).toHaveAttribute('data-state', 'idle');
  await expect(page.getByTestId('notification').first()).toBeVisible();
  const summary = (await page.getByTestId('notifications-summary').textContent()) ?? '';
  const total = Number(/^([\d\s\u00a0]+) varsler/.exec(summary)![1]!.replace(/\D/g, ''));
  expect(total).toBeGreaterThan(100);
  // The first sync brought the history: stored read, and said so.
  await expect(page.getByTestId('notifications-backfill')).toHaveText(/eldre varsler fra før første synkronisering \(\d\d\.\d\d\.\d{4}\) er merket som lest\.$/);
  // What is unread is news only: the app's own notices (a registry status found by this sync), none of Symetrisk's history.
  const badge = page.getByTestId('nav-notifications').locator('.badge');
  const unreadBefore = (await badge.count()) ? Number((await badge.textContent())!.replace(/\D/g, '')) : 0;
  await page.getByTestId('notif-unread-only').check({ force: true });
  await expect(page.getByTestId('notifications-page')).toHaveAttribute('data-state', 'idle');
  const unreadTypes = await page.getByTestId('notification').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-type')));
  expect(unreadTypes.length).toBe(unreadBefore);
  expect(unreadTypes.filter((t) => t !== 'registry_status')).toEqual([]);
  await page.getByTestId('notif-all').check({ force: true });
  await expect(page.getByTestId('notif-pager')).toBeVisible();
  // Borrowers by name, never by number alone.
  const names = await page.getByTestId('notification-borrower').allTextContents();
  expect(names.length).toBeGreaterThan(0);
  expect(names.filter((n) => /^\d{3} \d{3} \d{3}$/.test(n.trim()))).toEqual([]);
  // Page by page, every one.
  const seen = new Set<string>();
  for (;;) {
    const range = (await page.getByTestId('notif-range').textContent()) ?? '';
    for (const row of await page.getByTestId('notification').all()) seen.add((await row.innerText()).replace(/\s+/g, ' '));
    const next = page.getByTestId('notif-next');
    if (await next.isDisabled()) break;
    await next.click();
    await expect(page.getByTestId('notif-range')).not.toHaveText(range);
  }
  expect(seen.size).toBe(total);
  // Read marks are kept: one marked unread shows in the badge and survives a reload.
  await page.getByTestId('notification').first().getByRole('button').click();
  await expect(badge).toHaveText(String(unreadBefore + 1));
  await page.reload();
  await expect(badge).toHaveText(String(unreadBefore + 1));
  await app.screenshot('walk-notifications-all-reachable');
});

// Last on purpose: the Demo sandbox is stopped for good.
test('a call that finds Symetrisk gone turns the strip to unreachable within 5 seconds, worded, the stored data kept', async ({ page }) => {
  const app = new AppShell(page);
  await app.open(host, '/sync');
  await expect(app.strip).toHaveAttribute('data-reachability', 'online');
  const env = (await (
    await fetch(`${host.origin}/api/call/connections:list`, { method: 'POST', headers: { 'Content-Type': 'application/json', 'X-Desk-Token': host.token }, body: '{}' })
  ).json()) as { value: { id: string; apiBaseUrl: string }[] };
  const control = `${new URL(env.value.find((p) => p.id === 'demo')!.apiBaseUrl).origin}/_control`;
  expect((await fetch(`${control}/stop-listening`, { method: 'POST' })).ok).toBe(true);
  // The strip does not know yet (its next check is a minute away): the failed call tells it.
  await expect(app.strip).toHaveAttribute('data-reachability', 'online');
  await page.getByTestId('sync-start').click();
  await expect(app.strip).toHaveAttribute('data-reachability', 'offline', { timeout: 5_000 });
  await expect(page.getByTestId('sync-page')).toHaveAttribute('data-state', 'failed');
  await expect(page.getByTestId('last-run-summary')).toHaveText(/^Fikk ikke kontakt med tjenesten\. Sjekk nettforbindelsen\. Lagrede data er uendret\.$/);
  expect(report(await languageFindings(page, 'nb'))).toEqual([]);
  await app.screenshot('walk-offline');
});
