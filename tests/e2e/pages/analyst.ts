import { expect, type Locator, type Page } from '@playwright/test';

/** The follow-up and assessment panel on a borrower's page, as the analyst fills it in. */
export class AnalystPanel {
  readonly root: Locator;
  readonly notes: Locator;
  readonly watchStatus: Locator;
  readonly assignmentStatus: Locator;
  readonly assessmentStatus: Locator;
  /** Team mode: what is not shared with the team yet, and why. */
  readonly sharing: Locator;
  constructor(readonly page: Page) {
    this.root = page.getByTestId('analyst-panel');
    this.notes = this.root.getByTestId('note-item');
    this.watchStatus = this.root.getByTestId('watch-status');
    this.assignmentStatus = this.root.getByTestId('assignment-status');
    this.assessmentStatus = this.root.getByTestId('assessment-status');
    this.sharing = this.root.getByTestId('workflow-sharing');
  }

  /** Its own attribute, not data-state: the views' page objects find their page by `section[data-state]`. */
  async expectReady(): Promise<void> {
    await expect(this.root).toHaveAttribute('data-workflow-state', 'ready');
  }

  async writeNote(text: string): Promise<void> {
    const count = await this.notes.count();
    await this.root.getByLabel(/^(Nytt notat|New note)$/).fill(text);
    await this.root.getByTestId('note-add').click();
    await expect(this.notes).toHaveCount(count + 1);
  }

  async putOnWatchList(reason: string, reviewDate: string): Promise<void> {
    await this.root.getByLabel(/^(Grunn|Reason)$/).fill(reason);
    await this.root.getByLabel(/^(Neste gjennomgang|Next review)$/).fill(reviewDate);
    await this.root.getByTestId('watch-save').click();
    await expect(this.watchStatus).toHaveAttribute('data-watched', 'true');
  }

  async assignTo(name: string): Promise<void> {
    await this.root.getByLabel(/^(Saksbehandlers navn|Case officer’s name)$/).fill(name);
    await this.root.getByTestId('assign').click();
    await expect(this.assignmentStatus).toContainText(name);
  }

  /** Chooses the recommendation, writes the comment and the conditions, saves, and waits until it is kept. */
  async assess(recommendation: 'none' | 'approve' | 'approve_with_conditions' | 'decline', comment: string, conditions: string): Promise<void> {
    await this.root.getByTestId(`rec-${recommendation}`).check();
    await this.root.getByLabel(/^(Kommentar|Comment)$/).fill(comment);
    await this.root.getByLabel(/^(Vilkår|Conditions)$/).fill(conditions);
    await this.root.getByTestId('assessment-save').click();
    await expect(this.root.getByTestId('saved-assessment')).toBeVisible();
  }
}
