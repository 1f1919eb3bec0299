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
  name: string | null;
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

/** Which notifications a list or a count is of; every part optional (absent: all). */
export interface NotificationFilter {
  orgNr?: string | undefined;
  /** Only the bank's own notifications (no borrower). */
  bankWide?: boolean | undefined;
  unreadOnly?: boolean | undefined;
  /** Only these types. */
  types?: readonly string[] | undefined;
}

/**
 * The first sync's start as stored (an ISO time) cut to the seconds the API's zone-less UTC timestamps also have,
 * so the two compare as text: '2026-01-01T08:00:00'. The first run by id is the first ever started.
 */
const FIRST_SYNC_START = '(SELECT substr(started_at, 1, 19) FROM sync_runs ORDER BY id LIMIT 1)';

/**
 * Notifications of the bank and of each borrower, with the analyst's read state. A notification created before
 * the profile's first sync started is stored as read: it is the history the first sync brings in (hundreds of
 * them), not news, and counting it unread would bury the news. The notifications centre says how many these are.
 */
export function notificationsRepo(db: Db) {
  const insert = db.prepare(`
    INSERT INTO notifications (scope, org_nr, id, text, type, created_at, raw, first_seen_at, read)
    VALUES (@scope, @org_nr, @id, @text, @type, @created_at, @raw, @now,
      CASE WHEN substr(@created_at, 1, 19) < ${FIRST_SYNC_START} THEN 1 ELSE 0 END)
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
  const firstSync = db.prepare(`SELECT started_at AS at FROM sync_runs ORDER BY id LIMIT 1`);
  // Symetrisk's history only: the app's own notices are news when it writes them (always unread).
  const olderThanFirstSync = db.prepare(`SELECT COUNT(*) AS n FROM notifications WHERE scope <> '${APP_SCOPE}' AND substr(created_at, 1, 19) < ${FIRST_SYNC_START}`);
  const byBorrower = db.prepare(`
    SELECT n.org_nr AS orgNr, r.name AS name, COUNT(*) AS count, SUM(n.read = 0) AS unread
    FROM notifications n LEFT JOIN relationships r ON r.org_nr = n.org_nr
    WHERE n.org_nr IS NOT NULL GROUP BY n.org_nr ORDER BY r.name COLLATE NOCASE, n.org_nr`);

  /** The WHERE clause of a filter, from fixed pieces; only bound values. */
  function where(f: NotificationFilter): { sql: string; params: unknown[] } {
    const parts: string[] = [];
    const params: unknown[] = [];
    if (f.orgNr) {
      parts.push('n.org_nr = ?');
      params.push(f.orgNr);
    } else if (f.bankWide) parts.push('n.org_nr IS NULL');
    if (f.unreadOnly) parts.push('n.read = 0');
    if (f.types && f.types.length > 0) {
      parts.push(`n.type IN (${f.types.map(() => '?').join(', ')})`);
      params.push(...f.types);
    }
    return { sql: parts.length ? `WHERE ${parts.join(' AND ')}` : '', params };
  }

  return {
    /** Stores one notification (its read state is kept when it was known; a new one before the first sync is read). */
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
    /**
     * A page of notifications, newest first, each with its borrower's name; `total` counts the filter, `unread` the
     * unread ones of the same borrower filter (whatever the read and type filters), for the view's summary.
     */
    list(opts: NotificationFilter & { limit?: number | undefined; offset?: number | undefined }): {
      items: NotificationRow[];
      total: number;
      unread: number;
    } {
      const w = where(opts);
      const total = (db.prepare(`SELECT COUNT(*) AS n FROM notifications n ${w.sql}`).get(...w.params) as { n: number }).n;
      const u = where({ orgNr: opts.orgNr, bankWide: opts.bankWide, unreadOnly: true });
      const unread = (db.prepare(`SELECT COUNT(*) AS n FROM notifications n ${u.sql}`).get(...u.params) as { n: number }).n;
      const rows = db
        .prepare(
          `SELECT n.key, n.id, n.org_nr, r.name, n.text, n.type, n.created_at, n.read, CASE WHEN n.scope = '${APP_SCOPE}' THEN n.raw END AS app_raw
           FROM notifications n LEFT JOIN relationships r ON r.org_nr = n.org_nr
           ${w.sql} ORDER BY n.created_at DESC, n.key DESC LIMIT ? OFFSET ?`,
        )
        .all(...w.params, opts.limit ?? 200, opts.offset ?? 0) as Record_[];
      return {
        items: rows.map((r) => {
          const app = appPayload(r.app_raw);
          return { key: r.key, id: r.id, orgNr: r.org_nr, name: r.name, text: r.text, type: r.type, createdAt: r.created_at, read: r.read === 1, ...(app ? { app } : {}) };
        }),
        total,
        unread,
      };
    },
    /** Each type with how many notifications (and unread ones) it has, for the borrower filter given; most first. */
    types(f: Pick<NotificationFilter, 'orgNr' | 'bankWide'> = {}): { type: string; count: number; unread: number }[] {
      const w = where(f);
      return db
        .prepare(`SELECT n.type AS type, COUNT(*) AS count, SUM(n.read = 0) AS unread FROM notifications n ${w.sql} GROUP BY n.type ORDER BY count DESC, n.type`)
        .all(...w.params) as { type: string; count: number; unread: number }[];
    },
    /** Every borrower with notifications, by name, with its counts. */
    borrowers(): { orgNr: string; name: string | null; count: number; unread: number }[] {
      return byBorrower.all() as { orgNr: string; name: string | null; count: number; unread: number }[];
    },
    /** The notifications older than the first sync (stored as read), and when that sync started; null before any. */
    backfill(): { count: number; firstSyncAt: string } | null {
      const first = firstSync.get() as { at: string } | undefined;
      if (!first) return null;
      return { count: (olderThanFirstSync.get() as { n: number }).n, firstSyncAt: first.at };
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
