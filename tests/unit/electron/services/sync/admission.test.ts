import { expect, it } from 'vitest';
import { AccountingItem } from '../../../../../shared/symetrisk/schemas';
import { qualityFlags } from '../../../../../shared/analysis/quality';
import { admitPage, UnknownFields } from '../../../../../electron/services/sync/admission';
import { ACCOUNTING_PAGE } from '../../../../fixtures/document-examples';

/** A page as the client hands it over: parsed items and, index for index, the JSON received. */
function page(raw: unknown[]) {
  const items = raw.map((r) => AccountingItem.parse(r));
  return { metadata: { limit: 100, skip: 0, returnedItems: raw.length, totalItems: raw.length }, items, raw };
}

it('keeps the known fields of a later format, flags its version as untested, and only counts what it added (finding 3)', () => {
  const later = structuredClone(ACCOUNTING_PAGE.items[0]!) as Record<string, unknown> & { data: Record<string, unknown> };
  later.data['symetrisk_real_time_accounts_format_version'] = '2031-01-01';
  later.data['cash_flow_items'] = { operating: 1, investing: 2 };
  later['blob'] = 'x'.repeat(1_000_000);
  const unknown = new UnknownFields();
  const admitted = admitPage(page([later]), 'GET /accounting-data/{orgNr}', unknown);
  const stored = admitted.raw[0] as Record<string, unknown> & { data: Record<string, unknown> };
  expect(stored).toBe(admitted.items[0]);
  expect(stored['blob']).toBeUndefined();
  expect(stored.data['cash_flow_items']).toBeUndefined();
  expect(JSON.stringify(stored).length).toBeLessThan(2000);
  expect(unknown.summary()).toEqual([{ endpoint: 'GET /accounting-data/{orgNr}', count: 2, fields: ['data.cash_flow_items', 'blob'] }]);
  expect(qualityFlags(admitted.items[0]!, { now: new Date('2025-09-01T00:00:00Z') }).map((f) => f.code)).toContain('unknown_format_version');
});

it('refuses an item whose known fields alone pass the size cap, naming the reason', () => {
  const big = structuredClone(ACCOUNTING_PAGE.items[0]!) as Record<string, unknown>;
  big['origin'] = 'x'.repeat(70 * 1024);
  expect(() => admitPage(page([big]), 'GET /accounting-data/{orgNr}', new UnknownFields())).toThrow(expect.objectContaining({ code: 'bad_response', details: expect.objectContaining({ reason: 'item_too_large', index: 0 }) }));
});

it('names at most ten unknown fields, each bounded and with its control characters made visible', () => {
  const junk = structuredClone(ACCOUNTING_PAGE.items[0]!) as Record<string, unknown>;
  for (let i = 0; i < 50; i++) junk[`f${i}\u001b[2K${'y'.repeat(200)}`] = i;
  const unknown = new UnknownFields();
  admitPage(page([junk]), 'GET /x', unknown);
  const [s] = unknown.summary();
  expect(s!.count).toBe(50);
  expect(s!.fields).toHaveLength(10);
  expect(s!.fields.every((f) => f.length <= 90 && !f.includes('\u001b') && f.includes('\\x1b'))).toBe(true);
});
