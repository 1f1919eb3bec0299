/**
 * Cache migration 0008: a schema-7 cache gets the queue of versions to share with a team database, every row it held
 * kept. A plain connection's cache queues nothing; a team connection's replica queues every version it held, in the
 * order they were written, since none of them reached the team database before this version.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CACHE_SCHEMA } from '../../../../../electron/db/migrations';
import { workflowRepo } from '../../../../../electron/db/workflow';
import type { Db } from '../../../../../electron/db/connection';
import { dump, objects, openAt, useTempDir, version } from '../helpers';
import { A, B, seedV1 } from './cache-v1-data';

const tmp = useTempDir();

/** A schema-7 file with workflow versions of two borrowers, written in this order. */
function writeV7(file: string, opts: { teamReplica: boolean }): Record<string, unknown[]> {
  const old = openAt(file, CACHE_SCHEMA, 7);
  seedV1(old);
  if (opts.teamReplica) old.prepare("INSERT INTO team_replica_source (singleton, client_id) VALUES (1, 'bank-client')").run();
  const repo = workflowRepo(old);
  const stamp = (id: string, orgNr: string, minute: number, replaces: string | null = null) => ({
    id,
    orgNr,
    replaces,
    author: 'Kari Nordmann',
    createdAt: `2026-03-02T09:${String(minute).padStart(2, '0')}:00.000Z`,
  });
  repo.write(() => {
    repo.addNoteVersion({ ...stamp('n1', A, 1), noteId: 'n1', text: 'Ringte daglig leder.', deleted: false });
    repo.addAssessmentVersion({ ...stamp('s1', A, 2), comment: 'God drift.', recommendation: 'approve', conditions: '' });
    repo.addNoteVersion({ ...stamp('n2', A, 3, 'n1'), noteId: 'n1', text: 'Ringte daglig leder i dag.', deleted: false });
    repo.addWatchVersion({ ...stamp('w1', B, 4), watched: true, reason: 'Svak likviditet', reviewDate: '2026-06-30' });
    repo.addAssignmentVersion({ ...stamp('a1', B, 5), assignee: 'Ola Hansen' });
  });
  const before = dump(old);
  old.close();
  return before;
}

const queue = (db: Db) => db.prepare('SELECT kind, version_id, org_nr, queued_at, attempts, last_reason FROM workflow_outbox ORDER BY seq').all();

describe('cache migration 0008', () => {
  it('brings a schema-6 cache to 7 with every row kept, and a plain connection’s versions not queued', () => {
    const file = path.join(tmp(), 'p.sqlite');
    const before = writeV7(file, { teamReplica: false });
    const db = openAt(file, CACHE_SCHEMA, 8);
    try {
      expect(version(db)).toBe(8);
      const after = dump(db);
      for (const [table, rows] of Object.entries(before)) expect(after[table]).toEqual(rows);
      expect(objects(db, 'table')).toContain('workflow_outbox');
      expect(objects(db, 'index')).toContain('workflow_outbox_by_org_nr');
      const { sql } = db.prepare("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'workflow_outbox'").get() as { sql: string };
      expect(sql).toMatch(/STRICT\s*$/);
      expect(queue(db)).toEqual([]);
    } finally {
      db.close();
    }
  });

  it('queues a team replica’s versions in the order they were written, and the queue works', () => {
    const file = path.join(tmp(), 't.sqlite');
    const before = writeV7(file, { teamReplica: true });
    const db = openAt(file, CACHE_SCHEMA, 8);
    try {
      const after = dump(db);
      for (const [table, rows] of Object.entries(before)) expect(after[table]).toEqual(rows);
      expect(queue(db)).toEqual([
        { kind: 'note', version_id: 'n1', org_nr: A, queued_at: '2026-03-02T09:01:00.000Z', attempts: 0, last_reason: null },
        { kind: 'assessment', version_id: 's1', org_nr: A, queued_at: '2026-03-02T09:02:00.000Z', attempts: 0, last_reason: null },
        { kind: 'note', version_id: 'n2', org_nr: A, queued_at: '2026-03-02T09:03:00.000Z', attempts: 0, last_reason: null },
        { kind: 'watch', version_id: 'w1', org_nr: B, queued_at: '2026-03-02T09:04:00.000Z', attempts: 0, last_reason: null },
        { kind: 'assignment', version_id: 'a1', org_nr: B, queued_at: '2026-03-02T09:05:00.000Z', attempts: 0, last_reason: null },
      ]);

      const repo = workflowRepo(db);
      // Queuing a version twice keeps one entry; an attempt records its reason; a shared version leaves the queue.
      repo.queueForSharing('note', 'n1', A, '2026-03-02T10:00:00.000Z');
      expect(repo.unsharedCount()).toBe(5);
      repo.markWaiting(0, 'team_database_unreachable', '2026-03-02T10:00:00.000Z');
      expect(repo.unsharedOf(A).map((u) => [u.kind, u.versionId, u.noteId, u.lastReason])).toEqual([
        ['note', 'n1', 'n1', 'team_database_unreachable'],
        ['assessment', 's1', null, 'team_database_unreachable'],
        ['note', 'n2', 'n1', 'team_database_unreachable'],
      ]);
      repo.markShared(['n1', 's1']);
      expect(repo.outbox(10).map((e) => [e.versionId, e.attempts])).toEqual([
        ['n2', 1],
        ['w1', 1],
        ['a1', 1],
      ]);
      expect(repo.outbox(10, repo.outbox(1)[0]!.seq).map((e) => e.versionId)).toEqual(['w1', 'a1']);
      expect(() => db.prepare("INSERT INTO workflow_outbox (kind, version_id, org_nr, queued_at) VALUES ('memo', 'x', ?, 'now')").run(A)).toThrow(/CHECK/);
      // The versions themselves are untouched by all of it.
      expect(dump(db)['note_versions']).toEqual(before['note_versions']);
    } finally {
      db.close();
    }
  });
});
