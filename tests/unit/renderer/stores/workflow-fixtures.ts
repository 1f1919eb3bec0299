import type { dto } from '../../../../shared/contract';

/** A borrower nobody has worked on yet. */
export function emptyWorkflow(orgNr: string): dto.BorrowerWorkflow {
  return {
    orgNr,
    today: '2026-03-02',
    notes: [],
    watch: { current: null, versions: [] },
    assignment: { current: null, versions: [] },
    assessment: { current: null, versions: [] },
    summary: { watch: null, assignedTo: null, latestNote: null },
  };
}

export function watchVersion(over: Partial<dto.WatchVersion> = {}): dto.WatchVersion {
  return { id: '00000000-0000-4000-8000-000000000001', replaces: null, author: 'Kari Nordmann', createdAt: '2026-03-02T09:00:00.000Z', watched: true, reason: 'Svak likviditet', reviewDate: '2026-06-30', ...over };
}
