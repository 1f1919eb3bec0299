import type { Db } from './connection';

/** Portfolio-wide thresholds and per-borrower covenants, as key/value numbers. */
export function limitsRepo(db: Db) {
  const allThresholds = db.prepare('SELECT key, value FROM thresholds ORDER BY key');
  const clearThresholds = db.prepare('DELETE FROM thresholds');
  const putThreshold = db.prepare('INSERT INTO thresholds (key, value) VALUES (?, ?)');
  const covenantsOf = db.prepare('SELECT key, value FROM covenants WHERE org_nr = ? ORDER BY key');
  const allCovenants = db.prepare('SELECT org_nr, key, value FROM covenants ORDER BY org_nr, key');
  const clearCovenants = db.prepare('DELETE FROM covenants WHERE org_nr = ?');
  const putCovenant = db.prepare('INSERT INTO covenants (org_nr, key, value) VALUES (?, ?, ?)');
  const toRecord = (rows: { key: string; value: number }[]) => Object.fromEntries(rows.map((r) => [r.key, r.value]));
  return {
    thresholds(): Record<string, number> {
      return toRecord(allThresholds.all() as { key: string; value: number }[]);
    },
    /** Replaces every threshold. */
    setThresholds(t: Record<string, number>): void {
      db.transaction(() => {
        clearThresholds.run();
        for (const [k, v] of Object.entries(t)) putThreshold.run(k, v);
      }).immediate();
    },
    covenants(orgNr: string): Record<string, number> | null {
      const rows = covenantsOf.all(orgNr) as { key: string; value: number }[];
      return rows.length ? toRecord(rows) : null;
    },
    allCovenants(): Map<string, Record<string, number>> {
      const out = new Map<string, Record<string, number>>();
      for (const r of allCovenants.all() as { org_nr: string; key: string; value: number }[]) {
        const rec = out.get(r.org_nr) ?? {};
        rec[r.key] = r.value;
        out.set(r.org_nr, rec);
      }
      return out;
    },
    /** Replaces a borrower's covenants; null removes them. */
    setCovenants(orgNr: string, c: Record<string, number> | null): void {
      db.transaction(() => {
        clearCovenants.run(orgNr);
        for (const [k, v] of Object.entries(c ?? {})) putCovenant.run(orgNr, k, v);
      }).immediate();
    },
  };
}
export type LimitsRepo = ReturnType<typeof limitsRepo>;
