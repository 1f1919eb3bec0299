import type { AppNotification, NotificationRow } from '../../shared/contract/dto';
import type { Notification } from '../../shared/symetrisk/schemas';
import type { Db } from './connection';

/** The scope of the bank's own notification list (borrower lists use the org number). */
export const BANK_SCOPE = 'bank';
/**
 * The scope of the notifications the app writes itself (a status alert from the registry): never Symetrisk's, so
 * their ids (numbered here) cannot meet Symetrisk's, and their payload is kept in `raw` for the renderer to word.
 */
export const APP_SCOPE = 'app';

interface Record_ {
  key: number;
  id: number;
  org_nr: string | null;
  text: string;
  type: string;
  created_at: string;
  read: number;
  app_raw: string | null;
}

function appPayload(raw: string | null): AppNotification | undefined {
  if (raw === null) return undefined;
  try {
    return JSON.parse(raw) as AppNotification;
  } catch {
    return undefined;
  }
}

/** Notifications of the bank and of each borrower, with the analyst's read state. */
export function notificationsRepo(db: Db) {
  const insert = db.prepare(`
    INSERT INTO notifications (scope, org_nr, id, text, type, created_at, raw, first_seen_at)
    VALUES (@scope, @org_nr, @id, @text, @type, @created_at, @raw, @now)
    ON CONFLICT (scope, id) DO UPDATE SET text = excluded.text, type = excluded.type, created_at = excluded.created_at, raw = excluded.raw`);
  const known = db.prepare('SELECT id FROM notifications WHERE scope = ?');
  const knownAll = db.prepare('SELECT scope, id FROM notifications');
  const unreadTotal = db.prepare('SELECT COUNT(*) AS n FROM notifications WHERE read = 0');
  const unreadByOrg = db.prepare('SELECT org_nr, COUNT(*) AS n FROM notifications WHERE read = 0 AND org_nr IS NOT NULL GROUP BY org_nr');
  const unreadOfOrg = db.prepare('SELECT COUNT(*) AS n FROM notifications WHERE read = 0 AND org_nr = ?');
  const count = db.prepare('SELECT COUNT(*) AS n FROM notifications');
  const markAll = db.prepare('UPDATE notifications SET read = ? WHERE read <> ?');
  const markOne = db.prepare('UPDATE notifications SET read = ? WHERE key = ? AND read <> ?');
  const insertApp = db.prepare(`
    INSERT INTO notifications (scope, org_nr, id, text, type, created_at, raw, first_seen_at)
    VALUES ('${APP_SCOPE}', @org_nr, (SELECT COALESCE(MAX(id), 0) + 1 FROM notifications WHERE scope = '${APP_SCOPE}'), @text, @type, @created_at, @raw, @created_at)`);
  return {
    /** Stores one notification (its read state is kept when it was known). */
    put(scope: string, orgNr: string | null, n: Notification, raw: unknown, now: string): void {
      insert.run({ scope, org_nr: orgNr, id: n.id, text: n.text, type: n.type, created_at: n.createdAt, raw: JSON.stringify(raw), now });
    },
    /**
     * Stores a notification of the app's own (scope `app`, numbered here): `text` is the English fallback (logs, the
     * CLI), `payload` what the renderer words. Unread, like every new notification. Returns its key.
     */
    putApp(orgNr: string | null, type: string, text: string, payload: AppNotification, createdAt: string): number {
      return Number(insertApp.run({ org_nr: orgNr, text, type, created_at: createdAt, raw: JSON.stringify(payload) }).lastInsertRowid);
    },
    knownIds(scope: string): Set<number> {
      return new Set((known.all(scope) as { id: number }[]).map((r) => r.id));
    },
    /** knownIds() of every list at once (one pass over the unique index; a sync asks for every borrower's). */
    knownIdsByScope(): Map<string, Set<number>> {
      const out = new Map<string, Set<number>>();
      for (const r of knownAll.iterate() as Iterable<{ scope: string; id: number }>) {
        let set = out.get(r.scope);
        if (!set) out.set(r.scope, (set = new Set()));
        set.add(r.id);
      }
      return out;
    },
    list(opts: { orgNr?: string | undefined; unreadOnly?: boolean | undefined; limit?: number | undefined; offset?: number | undefined }): {
      items: NotificationRow[];
      total: number;
      unread: number;
    } {
      // Only bound values; the WHERE clause is chosen from fixed pieces.
      const where: string[] = [];
      const params: unknown[] = [];
      if (opts.orgNr) {
        where.push('org_nr = ?');
        params.push(opts.orgNr);
      }
      if (opts.unreadOnly) where.push('read = 0');
      const w = where.length ? `WHERE ${where.join(' AND ')}` : '';
      const total = (db.prepare(`SELECT COUNT(*) AS n FROM notifications ${w}`).get(...params) as { n: number }).n;
      const unreadW = opts.orgNr ? 'WHERE org_nr = ? AND read = 0' : 'WHERE read = 0';
      const unread = (db.prepare(`SELECT COUNT(*) AS n FROM notifications ${unreadW}`).get(...(opts.orgNr ? [opts.orgNr] : [])) as { n: number }).n;
      const rows = db
        .prepare(
          `SELECT key, id, org_nr, text, type, created_at, read, CASE WHEN scope = '${APP_SCOPE}' THEN raw END AS app_raw FROM notifications ${w} ORDER BY created_at DESC, key DESC LIMIT ? OFFSET ?`,
        )
        .all(...params, opts.limit ?? 200, opts.offset ?? 0) as Record_[];
      return {
        items: rows.map((r) => {
          const app = appPayload(r.app_raw);
          return { key: r.key, id: r.id, orgNr: r.org_nr, text: r.text, type: r.type, createdAt: r.created_at, read: r.read === 1, ...(app ? { app } : {}) };
        }),
        total,
        unread,
      };
    },
    markRead(keys: number[] | 'all', read: boolean): number {
      const v = read ? 1 : 0;
      if (keys === 'all') return markAll.run(v, v).changes;
      let n = 0;
      db.transaction(() => {
        for (const k of keys) n += markOne.run(v, k, v).changes;
      }).immediate();
      return n;
    },
    unread(): number {
      return (unreadTotal.get() as { n: number }).n;
    },
    /** One borrower's unread count (notifications_by_read: an index range, not a pass over every notification). */
    unreadOf(orgNr: string): number {
      return (unreadOfOrg.get(orgNr) as { n: number }).n;
    },
    unreadByBorrower(): Map<string, number> {
      return new Map((unreadByOrg.all() as { org_nr: string; n: number }[]).map((r) => [r.org_nr, r.n]));
    },
    count(): number {
      return (count.get() as { n: number }).n;
    },
  };
}
export type NotificationsRepo = ReturnType<typeof notificationsRepo>;
