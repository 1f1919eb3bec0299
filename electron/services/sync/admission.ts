/**
 * What of an answer the cache may keep. The client parses every item with the schemas of shared/symetrisk, which
 * strip the fields they do not know; here each page's items are admitted: the parsed item (known fields only)
 * becomes what is stored and hashed, the unknown fields are counted by name for the log (never kept), and an item
 * whose known fields alone pass the size cap is refused with its listing, so the cache is never changed by it.
 */
import { AppError } from '../../../shared/contract';
import { visibleControls } from '../../../shared/safe-text';
import { SYMETRISK_LIMITS } from '../../../shared/symetrisk/defaults';
import type { ListPage } from '../symetrisk/client';

/** Unknown fields seen in one sync, per endpoint: how many, and the first few names (as paths, `[]` for arrays). */
export class UnknownFields {
  private readonly byEndpoint = new Map<string, { count: number; names: Set<string> }>();

  add(endpoint: string, path: string): void {
    let e = this.byEndpoint.get(endpoint);
    if (!e) this.byEndpoint.set(endpoint, (e = { count: 0, names: new Set() }));
    e.count++;
    // A name is the server's text: bounded and made visible, and only a few kept, whatever the answer holds.
    if (e.names.size < MAX_NAMES) e.names.add(visibleControls(path.slice(0, 80)));
  }

  /** One entry per endpoint, for the log line at the end of the sync. */
  summary(): { endpoint: string; count: number; fields: string[] }[] {
    return [...this.byEndpoint].map(([endpoint, e]) => ({ endpoint, count: e.count, fields: [...e.names] }));
  }
}

const MAX_NAMES = 10;

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/**
 * Walks the received value beside the parsed one and reports every key the schema dropped. Only keys the schema
 * kept are descended into, so the walk is as deep as the schema, however deep the unknown fields nest.
 */
export function collectUnknownFields(raw: unknown, known: unknown, report: (path: string) => void, path = ''): void {
  if (Array.isArray(raw) && Array.isArray(known)) {
    const n = Math.min(raw.length, known.length);
    for (let i = 0; i < n; i++) collectUnknownFields(raw[i], known[i], report, `${path}[]`);
    return;
  }
  if (!isPlainObject(raw) || !isPlainObject(known)) return;
  for (const key of Object.keys(raw)) {
    const at = path ? `${path}.${key}` : key;
    if (Object.prototype.hasOwnProperty.call(known, key)) collectUnknownFields(raw[key], known[key], report, at);
    else report(at);
  }
}

/**
 * The page as the cache may store it: `raw[i]` is the parsed item (known fields only), unknown fields are counted
 * into `unknown`. Throws bad_response (reason `item_too_large`) for an item whose known fields exceed the cap.
 */
export function admitPage<T>(page: ListPage<T>, label: string, unknown: UnknownFields, maxItemBytes: number = SYMETRISK_LIMITS.maxItemBytes): ListPage<T> {
  page.items.forEach((item, i) => {
    checkItemSize(item, label, maxItemBytes, i);
    collectUnknownFields(page.raw[i], item, (p) => unknown.add(label, p));
  });
  return { metadata: page.metadata, items: page.items, raw: page.items };
}

/** Throws bad_response (`item_too_large`) when an item's JSON is above the cap. */
export function checkItemSize(item: unknown, label: string, maxItemBytes: number = SYMETRISK_LIMITS.maxItemBytes, index?: number): void {
  const bytes = Buffer.byteLength(JSON.stringify(item) ?? '', 'utf8');
  if (bytes > maxItemBytes) {
    throw new AppError(
      'bad_response',
      `${label}: an item is ${Math.ceil(bytes / 1024)} KB, above the ${Math.round(maxItemBytes / 1024)} KB an item may take; the answer was not stored.`,
      { reason: 'item_too_large', endpoint: label, bytes, limitBytes: maxItemBytes, ...(index !== undefined ? { index } : {}) },
    );
  }
}
