import { beforeEach, describe, expect, it } from 'vitest';
import { createPinia, setActivePinia } from 'pinia';
import { AppError, type dto } from '../../../../shared/contract';
import { setApi } from '../../../../renderer/src/api';
import { usePortfolioStore } from '../../../../renderer/src/stores/portfolio';
import { useSettingsStore } from '../../../../renderer/src/stores/settings';
import { useWorkflowStore } from '../../../../renderer/src/stores/workflow';
import { fakeApi, row, SETTINGS, windowOf } from '../fake-api';
import { emptyWorkflow, watchVersion } from './workflow-fixtures';

const A = '923609016';

async function setup(overrides: Parameters<typeof fakeApi>[0] = {}) {
  const fake = fakeApi({
    settings: { get: async () => SETTINGS },
    portfolio: { window: windowOf([row({ orgNr: A, name: 'Aurora Glass AS' }), row({ orgNr: '987654325', name: 'Bryggen Bakeri AS' })]) },
    ...overrides,
  });
  setApi(fake.api);
  await useSettingsStore().load();
  await usePortfolioStore().load();
  return fake;
}

describe('workflow store', () => {
  beforeEach(() => setActivePinia(createPinia()));

  it('loads the borrower’s workflow; a save sends the version it was made on, replaces the workflow and the grid row’s summary', async () => {
    const first = watchVersion({ id: '11111111-1111-4111-8111-111111111111' });
    const watched: dto.BorrowerWorkflow = {
      ...emptyWorkflow(A),
      watch: { current: first, versions: [first] },
      summary: { watch: { reason: 'Svak likviditet', reviewDate: '2026-06-30', addedBy: 'Kari Nordmann', addedAt: first.createdAt, overdue: false }, assignedTo: null, latestNote: null },
    };
    const fake = await setup({
      workflow: {
        borrower: async () => emptyWorkflow(A),
        setWatch: async (input) => (input.watch ? watched : emptyWorkflow(A)),
      },
    });
    const store = useWorkflowStore();
    await store.load(A);
    expect(store.workflow).toEqual(emptyWorkflow(A));

    expect(await store.setWatch({ reason: 'Svak likviditet', reviewDate: '2026-06-30' })).toBe(true);
    expect(fake.calls.find((c) => c.channel === 'workflow:setWatch')?.input).toEqual({
      profileId: 'demo',
      orgNr: A,
      watch: { reason: 'Svak likviditet', reviewDate: '2026-06-30' },
      replaces: null,
    });
    expect(store.workflow).toBe(watched);
    expect(store.saved).toEqual({ part: 'watch', noteId: null });
    const rows = usePortfolioStore().rows;
    expect(rows.find((r) => r.orgNr === A)?.workflow?.watch?.reviewDate).toBe('2026-06-30');
    expect(rows.find((r) => r.orgNr === '987654325')?.workflow).toBeUndefined();

    // Taken off again: the next change names the version shown, and the row loses its summary.
    await store.setWatch(null);
    expect(fake.calls.at(-1)).toMatchObject({ channel: 'workflow:setWatch', input: { watch: null, replaces: first.id } });
    expect(usePortfolioStore().rows.find((r) => r.orgNr === A)).not.toHaveProperty('workflow');
  });

  it('keeps a refusal with its reason and field for the part’s form; one made on an old version reads the borrower again', async () => {
    let reads = 0;
    await setup({
      workflow: {
        borrower: async () => (reads++, emptyWorkflow(A)),
        saveAssessment: async () => {
          throw new AppError('conflict', 'changed', { reason: 'changed_elsewhere', what: 'assessment', author: 'Ola Hansen', createdAt: '2026-03-02T09:00:00.000Z' });
        },
        addNote: async () => {
          throw new AppError('invalid_input', 'Invalid input at text: A note is empty.', { channel: 'workflow:addNote', issues: [{ path: 'text', message: 'A note is empty.', reason: 'text_empty' }] });
        },
      },
    });
    const store = useWorkflowStore();
    await store.load(A);
    expect(await store.saveAssessment({ comment: 'Ok.', recommendation: 'approve', conditions: '' })).toBe(false);
    expect(store.failure).toMatchObject({ part: 'assessment', reason: 'changed_elsewhere', values: { author: 'Ola Hansen' } });
    expect(reads).toBe(2);
    expect(store.saving).toBeNull();

    expect(await store.addNote(' ')).toBe(false);
    expect(store.failure).toMatchObject({ part: 'note', noteId: null, reason: 'text_empty', field: 'text' });
    expect(reads).toBe(2);
    expect(store.saved).toBeNull();
  });
});
