import { type Locator, type Page } from '@playwright/test';

/** The Fulgte page: the register of followed numbers, and those Symetrisk does not know, with the reason. */
export class FollowedPage {
  readonly unknown: Locator;
  readonly unknownRows: Locator;
  readonly rows: Locator;
  constructor(readonly page: Page) {
    this.unknown = page.getByTestId('followed-unknown');
    this.unknownRows = page.getByTestId('followed-unknown-row');
    this.rows = page.getByTestId('followed-row');
  }

  row(orgNr: string): Locator {
    return this.page.locator(`[data-testid="followed-row"][data-org-nr="${orgNr}"]`);
  }
}
