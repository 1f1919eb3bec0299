import { defineStore } from 'pinia';
import { ref, shallowRef } from 'vue';
import { isAppError } from '../../../shared/contract/errors';
import type { dto } from '../../../shared/contract';
import type { AssessmentInput } from '../../../shared/workflow';
import { useApi } from '../api';
import { errorText } from '../lib/errors';
import { usePortfolioStore } from './portfolio';
import { useSettingsStore } from './settings';
import { useCallStatus } from './status';

type BorrowerWorkflow = dto.BorrowerWorkflow;

/** The parts of the analyst's workflow on a borrower, each with its own form. */
export type WorkflowPart = 'note' | 'watch' | 'assignment' | 'assessment';

/** A save the main side refused: which part, its stable reason (details.reason) and the values its words need. */
export interface WorkflowFailure {
  part: WorkflowPart;
  /** For a note: which one (null: the new note's form). */
  noteId: string | null;
  reason: string | null;
  field: string | null;
  values: Record<string, unknown>;
  /** The main side's English fallback, shown when the reason has no words of its own. */
  message: string;
}

/**
 * The analyst's notes, watch-list entry, saksbehandler and assessment on the borrower open on screen, with their
 * history; and the portfolio's watch-list. Every save answers with the borrower's whole workflow, which replaces
 * ours, and its portfolio row takes the new summary (the grid's columns) without reading the list again.
 */
export const useWorkflowStore = defineStore('workflow', () => {
  const { status, error, run } = useCallStatus();
  const overviewCall = useCallStatus();
  const settings = useSettingsStore();
  const orgNr = ref<string | null>(null);
  const workflow = shallowRef<BorrowerWorkflow | null>(null);
  const overview = shallowRef<dto.PortfolioWorkflow | null>(null);
  /** The part being saved, while it is. */
  const saving = ref<WorkflowPart | null>(null);
  const failure = shallowRef<WorkflowFailure | null>(null);
  /** The part the last save kept, until the analyst saves another ("Lagret" beside its form). */
  const saved = ref<{ part: WorkflowPart; noteId: string | null } | null>(null);

  async function load(nr: string): Promise<void> {
    const profileId = settings.activeProfileId;
    if (!profileId) return;
    if (orgNr.value !== nr) {
      workflow.value = null;
      failure.value = null;
      saved.value = null;
    }
    orgNr.value = nr;
    const w = await run(() => useApi().workflow.borrower({ profileId, orgNr: nr }));
    if (w && orgNr.value === nr) workflow.value = w;
  }

  /** The portfolio's watch-list and saksbehandlere (the counts beside the grid's filter). */
  async function loadOverview(): Promise<void> {
    const profileId = settings.activeProfileId;
    if (!profileId) return;
    const o = await overviewCall.run(() => useApi().workflow.portfolio({ profileId }));
    if (o) overview.value = o;
  }

  let unsubscribe: (() => void) | null = null;
  /**
   * While the panel is shown: a push of the analyst's versions to the team database ended (workflow:shared), so the
   * borrower's "not shared yet" is read again.
   */
  function listen(): void {
    unsubscribe ??= useApi().workflow.onShared((e) => {
      if (e.profileId === settings.activeProfileId && orgNr.value && workflow.value?.sharing) void load(orgNr.value);
    });
  }
  function stopListening(): void {
    unsubscribe?.();
    unsubscribe = null;
  }

  /** The cache changed (see invalidation.ts): what is loaded, again. */
  async function reload(): Promise<void> {
    await Promise.all([orgNr.value && workflow.value ? load(orgNr.value) : null, overview.value ? loadOverview() : null]);
  }

  /** The borrower's grid row takes the workflow's summary (and loses it when nothing is left to show). */
  function updateRow(w: BorrowerWorkflow): void {
    const s = w.summary;
    usePortfolioStore().updateRow(w.orgNr, (row) => {
      const { workflow: _old, ...rest } = row;
      return s.watch || s.assignedTo !== null || s.latestNote ? { ...rest, workflow: s } : rest;
    });
  }

  /**
   * One save: the answer replaces the borrower's workflow. A refusal is kept with its reason for the part's form;
   * one made on a version no longer current also reads the borrower again, so the analyst sees what changed (what
   * they typed stays in the form).
   */
  async function write(part: WorkflowPart, noteId: string | null, call: (profileId: string, nr: string) => Promise<BorrowerWorkflow>): Promise<boolean> {
    const profileId = settings.activeProfileId;
    const nr = orgNr.value;
    if (!profileId || !nr) return false;
    saving.value = part;
    failure.value = null;
    saved.value = null;
    try {
      const w = await call(profileId, nr);
      if (orgNr.value === nr) workflow.value = w;
      updateRow(w);
      saved.value = { part, noteId };
      if (overview.value) void loadOverview();
      return true;
    } catch (e) {
      const details = (isAppError(e) ? e.details : undefined) ?? {};
      const issue = (details['issues'] as { path?: string; reason?: string }[] | undefined)?.[0];
      const reason = typeof details['reason'] === 'string' ? details['reason'] : (issue?.reason ?? null);
      const field = typeof details['field'] === 'string' ? details['field'] : (issue?.path ?? null);
      failure.value = { part, noteId, reason, field, values: details, message: errorText(e) };
      if (reason === 'changed_elsewhere' || reason === 'note_deleted') await load(nr);
      return false;
    } finally {
      saving.value = null;
    }
  }

  const api = () => useApi().workflow;
  return {
    status,
    error,
    overviewStatus: overviewCall.status,
    overviewError: overviewCall.error,
    orgNr,
    workflow,
    overview,
    saving,
    failure,
    saved,
    load,
    loadOverview,
    reload,
    listen,
    stopListening,
    addNote: (text: string) => write('note', null, (profileId, nr) => api().addNote({ profileId, orgNr: nr, text })),
    editNote: (noteId: string, replaces: string, text: string) => write('note', noteId, (profileId, nr) => api().editNote({ profileId, orgNr: nr, noteId, replaces, text })),
    deleteNote: (noteId: string, replaces: string) => write('note', noteId, (profileId, nr) => api().deleteNote({ profileId, orgNr: nr, noteId, replaces })),
    /** On the watch-list with a reason and a review date (YYYY-MM-DD), or (null) off it. */
    setWatch: (watch: { reason: string; reviewDate: string } | null) =>
      write('watch', null, (profileId, nr) => api().setWatch({ profileId, orgNr: nr, watch, replaces: workflow.value?.watch.current?.id ?? null })),
    assign: (assignee: string | null) =>
      write('assignment', null, (profileId, nr) => api().assign({ profileId, orgNr: nr, assignee, replaces: workflow.value?.assignment.current?.id ?? null })),
    saveAssessment: (a: AssessmentInput) =>
      write('assessment', null, (profileId, nr) => api().saveAssessment({ profileId, orgNr: nr, ...a, replaces: workflow.value?.assessment.current?.id ?? null })),
  };
});
