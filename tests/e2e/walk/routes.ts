/**
 * The screens the walking test visits, each with how to know it is ready and what to try on it (bad input in its
 * forms, its other states), so that every state is checked for its language. A screen is added here with its
 * route; the walk and the checker need no change.
 */
import { expect, type Page } from '@playwright/test';

export interface WalkStep {
  /** A name for the screenshot and the report. */
  name: string;
  /** The hash route. */
  path: string;
  /** Resolves once the screen shows what it has to show. */
  ready(page: Page): Promise<void>;
  /**
   * States of the screen to check besides the first (each is checked after it returns): bad input in a form, a
   * filter, a finished job. Each leaves the screen as the next may find it.
   */
  states?: { name: string; enter(page: Page): Promise<void> }[];
}

export const WALK: WalkStep[] = [
  {
    name: 'welcome',
    path: '/welcome',
    ready: async (page) => {
      await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
      await expect(page.getByTestId('use-demo')).toBeVisible();
    },
    states: [
      {
        name: 'connection-form-refused',
        enter: async (page) => {
          // A connection with own addresses, one of them not an address at all: refused beside the field.
          const form = page.getByTestId('connection-form');
          await form.locator('#welcome-name').fill('Testbank');
          await form.locator('input[type="radio"][value="custom"]').check();
          await form.locator('#welcome-client').fill('klient');
          await expect(page.getByTestId('connection-why-disabled')).toBeVisible();
          await form.locator('#welcome-secret').fill('hemmelig');
          await form.locator('#welcome-token').fill('https://login.example.no/oauth2/token');
          await form.locator('#welcome-api').fill('ikke en adresse');
          await page.getByTestId('connection-save').click();
          await expect(page.getByTestId('field-problem-apiBaseUrl')).toBeVisible();
        },
      },
    ],
  },
  {
    name: 'sync',
    path: '/sync',
    ready: async (page) => {
      await expect(page.getByTestId('sync-page')).toHaveAttribute('data-state', /^(ok|partial)$/);
      await expect(page.getByTestId('go-to-portfolio')).toBeVisible();
      await expect(page.getByTestId('last-run-summary')).not.toBeEmpty();
    },
  },
  {
    name: 'notifications',
    path: '/notifications',
    ready: async (page) => {
      await expect(page.getByTestId('notifications-page')).toHaveAttribute('data-state', 'idle');
      await expect(page.getByTestId('notification').first()).toBeVisible();
      await expect(page.getByTestId('notif-types')).toBeVisible();
    },
    states: [
      {
        name: 'warnings-only',
        enter: async (page) => {
          await page.getByTestId('notif-type-warning').check();
          await expect(page.getByTestId('notification').first()).toHaveAttribute('data-type', 'warning');
        },
      },
      {
        name: 'unread-only-empty',
        enter: async (page) => {
          await page.getByTestId('notif-unread-only').check({ force: true });
          await expect(page.getByTestId('notifications-page')).toHaveAttribute('data-state', 'idle');
          await page.getByTestId('notif-type-warning').uncheck();
          await page.getByTestId('notif-all').check({ force: true });
          await expect(page.getByTestId('notif-pager')).toBeVisible();
        },
      },
    ],
  },
  {
    name: 'followed',
    path: '/followed',
    ready: async (page) => {
      await expect(page.getByTestId('followed-row').first()).toBeVisible();
    },
    states: [
      {
        name: 'bad-input',
        enter: async (page) => {
          // A number with a wrong check digit and one too short beside a good one: each refused with its reason.
          await page.locator('#follow-lines').fill(['923 609 016', '923609017', '12345'].join('\n'));
          await expect(page.getByTestId('line-check')).toHaveCount(3);
          await page.locator('#follow-lines').locator('xpath=ancestor::form').getByRole('button', { name: /\d/ }).click();
          await expect(page.getByTestId('follow-rejected')).toHaveCount(2);
        },
      },
    ],
  },
  {
    name: 'access',
    path: '/access',
    ready: async (page) => {
      await expect(page.getByTestId('access-history')).toBeVisible();
    },
    states: [
      {
        name: 'bad-input',
        enter: async (page) => {
          await page.locator('#access-lines').fill(['923609017', '12345'].join('\n'));
          await page.locator('#access-email').fill('ikke en adresse');
          await page.locator('#access-email').blur();
          await expect(page.locator('#access-email-help')).toBeVisible();
          await expect(page.getByTestId('access-send')).toBeDisabled();
        },
      },
    ],
  },
  {
    // A number the cache does not hold (a link from elsewhere): said in the analyst's words, with what to do.
    name: 'borrower-not-stored',
    path: '/borrower/974760673',
    ready: async (page) => {
      await expect(page.getByTestId('borrower-error')).toHaveText(/^(Denne låntakeren finnes ikke i lagrede data\. Synkroniser for å hente den\.|This borrower is not in the stored data\. Sync to fetch it\.)$/);
    },
  },
  {
    name: 'export',
    path: '/export',
    ready: async (page) => {
      await expect(page.getByTestId('export-page')).toBeVisible();
      await expect(page.getByTestId('export-name')).toHaveAttribute('placeholder', /\.xlsx$/);
      await expect(page.getByTestId('export-start')).toBeEnabled();
    },
    states: [
      {
        name: 'exported',
        enter: async (page) => {
          // The field left empty: the file gets the name its placeholder shows.
          const placeholder = (await page.getByTestId('export-name').getAttribute('placeholder')) ?? '';
          await page.getByTestId('export-start').click();
          await expect(page.getByTestId('export-page')).toHaveAttribute('data-state', 'ok', { timeout: 45_000 });
          expect((await page.getByTestId('export-path').textContent())?.split(/[\\/]/).pop()).toBe(placeholder);
          await expect(page.getByTestId('export-size')).toHaveText(/^\s*·\s*(\d+\s?kB|\d+[,.]\d\s?MB)$/);
        },
      },
    ],
  },
  {
    name: 'settings',
    path: '/settings',
    ready: async (page) => {
      await expect(page.getByTestId('thresholds')).toBeVisible();
      await expect(page.getByTestId('profile-demo')).toBeVisible();
    },
    states: [
      {
        name: 'bad-input',
        enter: async (page) => {
          // A threshold that is not a number, a day count out of range, a classification too long: each refused
          // beside its field, nothing saved.
          await page.locator('#thr-nibd_to_ebitda_max').fill('abc');
          await page.getByTestId('thresholds-save').click();
          await expect(page.getByTestId('thr-nibd_to_ebitda_max-problem')).toBeVisible();
          await expect(page.getByTestId('thresholds-invalid')).toBeVisible();
          await page.locator('#stale-days').fill('0');
          await page.getByTestId('stale-form').getByRole('button').click();
          await expect(page.getByTestId('stale-days-problem')).toBeVisible();
          await page.locator('#classification').fill('x'.repeat(70));
          await page.getByTestId('classification-form').getByRole('button').click();
          await expect(page.getByTestId('classification-form').getByRole('alert')).toBeVisible();
        },
      },
      {
        name: 'decimal-saved',
        enter: async (page) => {
          // Typed the way the screen's language writes a decimal.
          const lang = await page.evaluate(() => document.documentElement.lang);
          await page.locator('#thr-nibd_to_ebitda_max').fill(lang === 'en' ? '4.5' : '4,5');
          await page.getByTestId('thresholds-save').click();
          await expect(page.getByTestId('thresholds-saved')).toBeVisible();
          await page.locator('#stale-days').fill('45');
          await page.getByTestId('stale-form').getByRole('button').click();
          await expect(page.getByTestId('stale-saved')).toBeVisible();
        },
      },
      {
        name: 'connection-tested',
        enter: async (page) => {
          // The Demo's connection test, step by step, in the screen's language.
          const test = page.getByTestId('profile-demo').getByTestId('connection-test');
          await test.getByRole('button').click();
          await expect(test).toHaveAttribute('data-state', /^(ok|warning)$/);
          await expect(test.locator('.steps li').first()).toBeVisible();
        },
      },
      {
        name: 'remove-confirm',
        enter: async (page) => {
          const lang = await page.evaluate(() => document.documentElement.lang);
          await page.getByTestId('add-connection').click();
          const form = page.getByTestId('connection-form');
          await form.locator('#add-name').fill(`Fjernbank ${lang}`);
          await form.locator('#add-client').fill('klient');
          await form.locator('#add-secret').fill('hemmelig');
          await page.getByTestId('connection-save').click();
          // Without a Secret Service the keychain refuses, in words; with one the profile is added and removed.
          const refused = page.getByTestId('connection-form-problem');
          const saved = page.getByTestId('profile-saved');
          await expect(refused.or(saved)).toBeVisible();
          if (await saved.isVisible()) {
            await page.getByTestId(`remove-fjernbank-${lang}`).click();
            await expect(page.getByTestId('remove-confirm')).toBeVisible();
          }
        },
      },
    ],
  },
  {
    name: 'status',
    path: '/status',
    ready: async (page) => {
      await expect(page.getByTestId('app-version')).toHaveText(/^\d+\.\d+\.\d+/);
      await expect(page.getByTestId('started-at')).toHaveText(/^\d\d[./]\d\d[./]\d{4} \d\d:\d\d$/);
    },
  },
];
