// @vitest-environment happy-dom
/**
 * The analyst panel in team mode: what is not shared yet, said in one sentence with its reason, and marked in the
 * history; read again when a push ends; parallel versions marked beside the current one and in the history.
 */
import { describe, expect, it } from 'vitest';
import { flushPromises, mount } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import type { dto } from '../../../../shared/contract';
import { setApi } from '../../../../renderer/src/api';
import AnalystPanel from '../../../../renderer/src/components/AnalystPanel.vue';
import { createAppI18n } from '../../../../renderer/src/i18n';
import { useSettingsStore } from '../../../../renderer/src/stores/settings';
import { fakeApi, SETTINGS } from '../fake-api';
import { emptyWorkflow } from '../stores/workflow-fixtures';

const A = '923609016';
const id = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const meta = (n: number, replaces: number | null, author: string, createdAt: string) => ({ id: id(n), replaces: replaces === null ? null : id(replaces), author, createdAt });

function note(n: number, replaces: number | null, text: string, author = 'Kari Nordmann', createdAt = '2026-03-02T09:00:00.000Z'): dto.NoteVersion {
  return { ...meta(n, replaces, author, createdAt), noteId: id(1), text, deleted: false };
}
function assessment(n: number, replaces: number | null, a: Pick<dto.AssessmentVersion, 'comment' | 'recommendation' | 'conditions'>, author: string, createdAt: string): dto.AssessmentVersion {
  return { ...meta(n, replaces, author, createdAt), ...a };
}
const none: dto.WorkflowSharing = { notes: 0, watch: false, assignment: false, assessment: false, versions: [], reason: null, lastAttemptAt: null };

async function mountPanel(first: dto.BorrowerWorkflow, language: 'nb' | 'en' = 'nb') {
  const pinia = createPinia();
  setActivePinia(pinia);
  let current = first;
  const fake = fakeApi({
    settings: { get: async () => ({ ...SETTINGS, language }) },
    workflow: { borrower: async () => current },
  });
  setApi(fake.api);
  await useSettingsStore().load();
  const wrapper = mount(AnalystPanel, { props: { orgNr: A, borrowerName: 'Aurora Glass AS' }, global: { plugins: [pinia, createAppI18n(language)] } });
  await flushPromises();
  return { wrapper, fake, next: (w: dto.BorrowerWorkflow) => (current = w) };
}

/** Two notes of one borrower: the first with an edit, both written while the team database was out of reach. */
function twoNotes(): dto.BorrowerWorkflow {
  const first = note(1, null, 'Ringte daglig leder.');
  const edit = note(2, 1, 'Ringte daglig leder i dag.', 'Kari Nordmann', '2026-03-02T09:05:00.000Z');
  const other = { ...note(3, null, 'Mottok årsregnskapet.'), noteId: id(3) };
  return {
    ...emptyWorkflow(A),
    notes: [
      { noteId: id(1), current: edit, versions: [edit, first], createdBy: 'Kari Nordmann', createdAt: first.createdAt, parallel: [] },
      { noteId: id(3), current: other, versions: [other], createdBy: 'Kari Nordmann', createdAt: other.createdAt, parallel: [] },
    ],
    sharing: { ...none, notes: 2, versions: [id(1), id(2), id(3)], reason: 'team_database_unreachable', lastAttemptAt: '2026-03-02T09:06:00.000Z' },
  };
}

describe('AnalystPanel in team mode', () => {
  it('says how many entries are not shared yet and why, and marks them in the history', async () => {
    const { wrapper } = await mountPanel(twoNotes());
    const status = wrapper.get('[data-testid="workflow-sharing"]');
    expect(status.attributes('data-reason')).toBe('team_database_unreachable');
    expect(status.text()).toContain('2 notater er ikke delt ennå: teamdatabasen er ikke tilgjengelig.');
    expect(status.text()).toContain('Alt er lagret på denne maskinen');
    // Beside each note (its current version), and in the first note's history both its versions.
    const notes = wrapper.findAll('[data-testid="note-item"]');
    expect(notes.map((n) => n.get('[data-testid="note-meta"] [data-testid="tag-unshared"]').text())).toEqual(['Ikke delt ennå', 'Ikke delt ennå']);
    expect(notes[0]!.findAll('.history [data-testid="tag-unshared"]')).toHaveLength(2);
  });

  it('names each part in natural language, in Norwegian and in English, and says when it is on its way', async () => {
    const w: dto.BorrowerWorkflow = { ...twoNotes(), sharing: { ...none, notes: 1, assessment: true, versions: [id(3)], reason: null } };
    let { wrapper } = await mountPanel(w);
    expect(wrapper.get('[data-testid="workflow-sharing"]').text()).toContain('1 notat og vurderingen er ikke delt ennå: det sendes til teamdatabasen nå.');
    ({ wrapper } = await mountPanel({ ...w, sharing: { ...none, assessment: true, reason: 'team_database_permission' } }));
    expect(wrapper.get('[data-testid="workflow-sharing"]').text()).toContain('Vurderingen er ikke delt ennå: denne tilkoblingen har bare lesetilgang til teamdatabasen');
    ({ wrapper } = await mountPanel(w, 'en'));
    expect(wrapper.get('[data-testid="workflow-sharing"]').text()).toContain('1 note and the assessment are not shared yet: it is being sent to the team database now.');
    ({ wrapper } = await mountPanel({ ...w, sharing: { ...none, watch: true, reason: 'something_new' } }, 'en'));
    expect(wrapper.get('[data-testid="workflow-sharing"]').text()).toContain('The watch-list entry is not shared yet: sharing failed.');
  });

  it('reads the borrower again when a push ends, and says nothing once all is shared (nor on a plain connection)', async () => {
    const { wrapper, fake, next } = await mountPanel(twoNotes());
    expect(fake.listenerCount('workflow:shared')).toBe(1);
    next({ ...twoNotes(), sharing: none });
    fake.emit('workflow:shared', { profileId: 'demo', shared: 3, pending: 0, reason: null });
    await flushPromises();
    expect(wrapper.find('[data-testid="workflow-sharing"]').exists()).toBe(false);
    expect(wrapper.find('[data-testid="tag-unshared"]').exists()).toBe(false);
    wrapper.unmount();
    expect(fake.listenerCount('workflow:shared')).toBe(0);

    const plain = await mountPanel({ ...twoNotes(), sharing: undefined });
    expect(plain.wrapper.find('[data-testid="workflow-sharing"]').exists()).toBe(false);
  });

  it('marks a parallel version beside the current one, with who wrote it, when and what, and both in the history', async () => {
    const base = assessment(10, null, { comment: 'Utkast.', recommendation: null, conditions: '' }, 'Kari Nordmann', '2026-03-02T09:00:00.000Z');
    const mine = assessment(11, 10, { comment: 'Marginene faller.', recommendation: 'decline', conditions: '' }, 'Kari Nordmann', '2026-03-02T10:00:00.000Z');
    const theirs = assessment(12, 10, { comment: 'Solid drift.', recommendation: 'approve_with_conditions', conditions: 'Kvartalsvis rapportering.' }, 'Ola Hansen', '2026-03-02T10:31:00.000Z');
    const n1 = note(1, null, 'Ringte daglig leder.');
    const na = note(2, 1, 'Ordrereserven er god, men marginene faller.', 'Kari Nordmann', '2026-03-02T10:00:00.000Z');
    const nb = note(3, 1, 'Ordrereserven er god; følges opp i april.', 'Ola Hansen', '2026-03-02T10:31:00.000Z');
    const w: dto.BorrowerWorkflow = {
      ...emptyWorkflow(A),
      assessment: { current: theirs, versions: [theirs, mine, base], parallel: [mine] },
      notes: [{ noteId: id(1), current: nb, versions: [nb, na, n1], createdBy: 'Kari Nordmann', createdAt: n1.createdAt, parallel: [na] }],
      sharing: none,
    };
    const { wrapper } = await mountPanel(w);
    expect(wrapper.get('[data-testid="assessment-status"]').text()).toContain('Innvilges med vilkår');
    const marker = wrapper.get('[data-testid="assessment-parallel"]');
    expect(marker.text()).toContain('Parallell versjon');
    expect(marker.text()).toContain('Lagret samtidig på en annen maskin, over samme versjon. Begge er beholdt; den nyeste gjelder.');
    expect(marker.get('[data-testid="parallel-version"]').text()).toMatch(/^Kari Nordmann, .+: Avslås\. Marginene faller\.$/);
    const noteMarker = wrapper.get('[data-testid="note-parallel"]');
    expect(noteMarker.text()).toContain('Ordrereserven er god, men marginene faller.');
    expect(wrapper.get('[data-testid="note-text"]').text()).toBe('Ordrereserven er god; følges opp i april.');
    // In the history, the parallel versions are marked (the assessment's and the note's), the current ones not.
    expect(wrapper.findAll('[data-testid="tag-parallel"]')).toHaveLength(2);
    expect(wrapper.find('[data-testid="watch-parallel"]').exists()).toBe(false);
    // Nothing raw on screen.
    expect(wrapper.text()).not.toMatch(/approve_with_conditions|team_database|[0-9a-f]{8}-[0-9a-f]{4}/);
  });
});
