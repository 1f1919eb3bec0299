import type { Db } from './connection';

export type FollowSource = 'typed' | 'import' | 'access_request';

/** The register of followed org numbers: which borrowers to look up when the API's list carries none. */
export function followedRepo(db: Db) {
  const add = db.prepare('INSERT INTO followed (org_nr, source, added_at) VALUES (?, ?, ?) ON CONFLICT (org_nr) DO NOTHING');
  const remove = db.prepare('DELETE FROM followed WHERE org_nr = ?');
  const all = db.prepare('SELECT org_nr AS orgNr, source, added_at AS addedAt FROM followed ORDER BY added_at, org_nr');
  return {
    /** True when the number was not followed before. */
    add(orgNr: string, source: FollowSource, now: string): boolean {
      return add.run(orgNr, source, now).changes > 0;
    },
    remove(orgNrs: readonly string[]): number {
      let n = 0;
      db.transaction(() => {
        for (const o of orgNrs) n += remove.run(o).changes;
      }).immediate();
      return n;
    },
    all(): { orgNr: string; source: string; addedAt: string }[] {
      return all.all() as { orgNr: string; source: string; addedAt: string }[];
    },
  };
}
export type FollowedRepo = ReturnType<typeof followedRepo>;
