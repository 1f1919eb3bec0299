/**
 * Cache migration 0006: a schema-5 cache gets the analyst's workflow tables (notes, watch-list, assignments,
 * assessments), every row it held kept; the new tables take versions and refuse to change or lose one.
 */
import path from 'node:path';
import { expect, it } from 'vitest';
import { CACHE_SCHEMA } from '../../../../../electron/db/migrations';
import { workflowRepo } from '../../../../../electron/db/workflow';
import { dump, objects, openAt, useTempDir, version } from '../helpers';
import { A, seedV1 } from './cache-v1-data';

const tmp = useTempDir();
const TABLES = ['note_versions', 'watch_versions', 'assignment_versions', 'assessment_versions'];
const stamp = (id: string, replaces: string | null = null) => ({ id, orgNr: A, replaces, author: 'Kari Nordmann', createdAt: '2026-03-02T09:00:00.000Z' });

it('brings a schema-5 cache to 6 with every row kept and the workflow tables ready for use', () => {
  const file = path.join(tmp(), 'p.sqlite');
  const old = openAt(file, CACHE_SCHEMA, 5);
  seedV1(old);
  const before = dump(old);
  old.close();

  const db = openAt(file, CACHE_SCHEMA, 6);
  try {
    expect(version(db)).toBe(6);
    const after = dump(db);
    for (const [table, rows] of Object.entries(before)) expect(after[table]).toEqual(rows);
    expect(objects(db, 'table')).toEqual(expect.arrayContaining(TABLES));
    for (const t of TABLES) {
      expect(after[t]).toEqual([]);
      expect(objects(db, 'index')).toEqual(expect.arrayContaining([`${t}_by_org_nr`, `${t}_by_replaces`]));
      expect(objects(db, 'trigger')).toEqual(expect.arrayContaining([`${t}_never_updated`, `${t}_never_deleted`]));
      const { sql } = db.prepare("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?").get(t) as { sql: string };
      expect(sql).toMatch(/STRICT\s*$/);
    }

    const repo = workflowRepo(db);
    repo.write(() => {
      repo.addNoteVersion({ ...stamp('n1'), noteId: 'n1', text: 'Ringte daglig leder.', deleted: false });
      repo.addNoteVersion({ ...stamp('n2', 'n1'), noteId: 'n1', text: 'Ringte daglig leder i dag.', deleted: false });
      repo.addWatchVersion({ ...stamp('w1'), watched: true, reason: 'Svak likviditet', reviewDate: '2026-06-30' });
      repo.addAssignmentVersion({ ...stamp('a1'), assignee: 'Ola Hansen' });
      repo.addAssessmentVersion({ ...stamp('s1'), comment: 'God drift.', recommendation: 'approve_with_conditions', conditions: 'Kvartalsrapport.' });
    });
    expect(repo.noteHead('n1')).toMatchObject({ id: 'n2', replaces: 'n1', text: 'Ringte daglig leder i dag.', orgNr: A });
    expect(repo.watchHead(A)).toMatchObject({ watched: true, reviewDate: '2026-06-30' });

    // Versions are never changed or removed, whichever way SQL is asked to.
    for (const t of TABLES) {
      expect(() => db.prepare(`UPDATE ${t} SET author = 'someone else'`).run()).toThrow(/holds versions/);
      expect(() => db.prepare(`DELETE FROM ${t}`).run()).toThrow(/holds versions/);
    }
    // A version that follows one that does not exist is refused at commit; so is a review date that is not a date.
    expect(() => repo.write(() => repo.addAssignmentVersion({ ...stamp('a2', 'no-such-version'), assignee: null }))).toThrow(/FOREIGN KEY/);
    expect(() => repo.write(() => repo.addWatchVersion({ ...stamp('w2', 'w1'), watched: true, reason: 'x', reviewDate: '30.06.2026' }))).toThrow(/CHECK/);
    expect(() => repo.write(() => repo.addWatchVersion({ ...stamp('w3', 'w1'), watched: false, reason: '', reviewDate: '2026-06-30' }))).toThrow(/CHECK/);
    expect(repo.assignmentVersionsOf(A).map((v) => v.id)).toEqual(['a1']);
    expect(repo.watchVersionsOf(A).map((v) => v.id)).toEqual(['w1']);
  } finally {
    db.close();
  }
});
