/**
 * The analyst's workflow leaves the app as typed: written through the handler table (as the window calls it) on a
 * Demo cache filled by a real sync, it is in the pack's data source (the same cachePackSource the export service is
 * built with), in the list export's columns read back with exceljs, and the pack is built with it.
 */
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { dto } from '../../../shared/contract';
import { createSandboxDemoBackend } from '../../../electron/services/connections/demo';
import { cachePackSource } from '../../../electron/services/export/cache-pack-source';
import type { PackBorrower } from '../../../electron/services/export/pack-source';
import { makeApp, type TestApp } from '../../unit/electron/services/connections/helpers';

const CTX = { host: 'test' as const };
let app: TestApp;
let orgNr: string;
let name: string;
const reviewDate = `${new Date().getUTCFullYear() + 1}-06-30`;

beforeAll(async () => {
  app = await makeApp({
    overrides: { demo: createSandboxDemoBackend(async () => (await import('../../../electron/sandbox/index')).startSandbox, { seed: 7, borrowers: 12 }) },
  });
  const sync = await app.services.sync.start('demo');
  expect((await sync.done).outcome).toBe('ok');
  const h = app.services.handlers;
  const rows = await h['portfolio:list']({ profileId: 'demo' }, CTX);
  const borrower = rows.find((r) => r.latest !== null)!;
  orgNr = borrower.orgNr;
  name = borrower.name;

  await h['settings:update']({ analystName: 'Kari Nordmann' }, CTX);
  const ref = { profileId: 'demo', orgNr };
  await h['workflow:addNote']({ ...ref, text: 'Ringte daglig leder.\nKvartalstallene kommer fredag.' }, CTX);
  await h['workflow:setWatch']({ ...ref, watch: { reason: 'Svak likviditet', reviewDate }, replaces: null }, CTX);
  await h['workflow:assign']({ ...ref, assignee: 'Ola Hansen', replaces: null }, CTX);
  const first = await h['workflow:saveAssessment']({ ...ref, comment: 'God drift, svak likviditet.', recommendation: 'approve_with_conditions', conditions: 'Kvartalsvis rapportering.', replaces: null }, CTX);
  await h['settings:update']({ analystName: 'Per Olsen' }, CTX);
  await h['workflow:saveAssessment'](
    { ...ref, comment: 'God drift, svak likviditet.\nEgenkapitalen er styrket.', recommendation: 'approve_with_conditions', conditions: 'Kvartalsvis rapportering.\nIngen utbytte i 2027.', replaces: (first as dto.BorrowerWorkflow).assessment.current!.id },
    CTX,
  );
}, 60_000);

afterAll(async () => {
  await app?.close();
});

describe('the workflow in what leaves the app', () => {
  it('the pack’s data source has the assessment with its author, date and earlier versions, the watch-list, the saksbehandler and the notes', async () => {
    const source = await cachePackSource({ openCache: (id) => app.services.caches.open(id), profile: (id) => app.services.connections.find(id) })('demo', [orgNr]);
    const [b] = [...(source.borrowers() as Iterable<PackBorrower>)];
    expect(b).toMatchObject({
      orgNr,
      assessment: {
        comment: 'God drift, svak likviditet.\nEgenkapitalen er styrket.',
        recommendation: 'approve_with_conditions',
        conditions: 'Kvartalsvis rapportering.\nIngen utbytte i 2027.',
        author: 'Per Olsen',
        historyLength: 1,
      },
      watch: { reason: 'Svak likviditet', reviewDate, addedBy: 'Kari Nordmann' },
      assignedTo: 'Ola Hansen',
      notes: [{ text: 'Ringte daglig leder.\nKvartalstallene kommer fredag.', author: 'Kari Nordmann' }],
    });
    // When the assessment was last saved and when the borrower went on the list: the times of those versions.
    const wf = await app.services.handlers['workflow:borrower']({ profileId: 'demo', orgNr }, CTX);
    expect(b!.assessment!.updatedAt).toBe(wf.assessment.current!.createdAt);
    expect(b!.watch!.addedAt).toBe(wf.watch.versions.at(-1)!.createdAt);
  });

  it('the portfolio rows carry the workflow, and the list export has the review date, reason, saksbehandler and latest note as columns', async () => {
    const rows = await app.services.handlers['portfolio:list']({ profileId: 'demo' }, CTX);
    // As the grid's workflow columns give them (tests/unit/renderer/lib/portfolio-columns.test.ts): from each row's workflow.
    const input: dto.TableExportInput = {
      title: 'Portefølje',
      fileName: 'portefolje-oppfolging.xlsx',
      columns: [
        { key: 'name', label: 'Låntaker', type: 'text' },
        { key: 'orgNr', label: 'Org.nr.', type: 'orgnr' },
        { key: 'watch', label: 'Overvåkes, gjennomgang', type: 'date' },
        { key: 'watchReason', label: 'Grunn til overvåking', type: 'text' },
        { key: 'assignedTo', label: 'Saksbehandler', type: 'text' },
        { key: 'latestNote', label: 'Siste notat', type: 'text' },
      ],
      rows: rows.map((r) => [r.name, r.orgNr, r.workflow?.watch?.reviewDate ?? null, r.workflow?.watch?.reason ?? null, r.workflow?.assignedTo ?? null, r.workflow?.latestNote?.text ?? null]),
    };
    const { exportId } = await app.services.handlers['export:table'](input, CTX);
    const r = await app.services.exports.wait(exportId);
    expect(r).toMatchObject({ outcome: 'ok' });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(r.path!);
    const sheet = wb.worksheets[0]!;
    const found: ExcelJS.Row[] = [];
    sheet.eachRow((row) => {
      if (row.getCell(2).text === orgNr) found.push(row);
    });
    expect(found).toHaveLength(1);
    const row = found[0]!;
    expect(row.getCell(1).text).toBe(name);
    expect(row.getCell(3).value).toEqual(new Date(`${reviewDate}T00:00:00Z`));
    expect(row.getCell(4).value).toBe('Svak likviditet');
    expect(row.getCell(5).value).toBe('Ola Hansen');
    expect(row.getCell(6).value).toBe('Ringte daglig leder.\nKvartalstallene kommer fredag.');
    expect(row.getCell(6).alignment).toMatchObject({ wrapText: true });
    // A borrower nobody worked on has empty cells there, not n/a or zero.
    let other: ExcelJS.Row | undefined;
    sheet.eachRow((x, i) => {
      if (i > 2 && x.getCell(2).text !== orgNr) other ??= x;
    });
    expect([3, 4, 5, 6].map((c) => other!.getCell(c).value)).toEqual([null, null, null, null]);
  });

  it('the pack is built from a source that carries the workflow', async () => {
    const started = await app.services.handlers['export:pack']({ profileId: 'demo', orgNrs: [orgNr], language: 'nb' }, CTX);
    const r = await app.services.exports.wait(started.exportId);
    expect(r).toMatchObject({ outcome: 'ok', error: null });
  });
});
