import ExcelJS from 'exceljs';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  NOT_COMPUTABLE_STATEMENT,
  RATIO_DEFINITIONS,
  RATIO_IDS,
  analyseBorrower,
  type PeriodFigures,
} from '../../../../../shared/analysis';
import { committeeSummary, formatLocalDateTime } from '../../../../../shared/committee';
import { AppError } from '../../../../../shared/contract';
import { columnLetter } from '../../../../../shared/spreadsheet';
import { unitFromEnhet } from '../../../../../shared/registry/facts';
import { Enhet } from '../../../../../shared/registry/schemas';
import { exportFileError } from '../../../../../electron/services/export/atomic-file';
import { borrowerSheetName, buildPack, summaryContext, type PackOptions } from '../../../../../electron/services/export/pack-builder';
import type { PackBorrower } from '../../../../../electron/services/export/pack-source';
import { bodyHeightPt, MAX_PRINT_CHARS } from '../../../../../electron/services/export/pack-style';
import { EQUINOR_ENHET } from '../../../../fixtures/brreg-examples';
import { NOW, sandboxBorrowers, sourceOf, withRevisedYtd } from './fixtures';
import { RAW_CODES } from './raw-codes';
import { all, attr, kid, NS, XlsxParts } from './xlsx-parts';

const OPTIONS: PackOptions = { language: 'nb', amountUnit: 'thousands', now: NOW, appVersion: '9.9.9', maxAgeDays: 45 };

let dir: string;
let borrowers: PackBorrower[];
let wb: ExcelJS.Workbook;
let parts: XlsxParts;
let file: string;
/** The borrower given an assessment, a watch-list entry and a case officer. */
let assessed: PackBorrower;
/** The borrower the register says is bankrupt. */
let bankrupt: PackBorrower;
/** The borrower whose year to date was fetched again with other figures. */
let revised: PackBorrower;

const ASSESSMENT = {
  comment: 'Driften er stabil, og egenkapitalen er god. Kunden har betjent lånet som avtalt.',
  recommendation: 'approve_with_conditions' as const,
  conditions: 'Kvartalsvis rapportering til banken.',
  author: 'Kari Nordmann',
  updatedAt: '2025-08-19T12:02:00Z',
  historyLength: 2,
};

function text(c: ExcelJS.Cell): string {
  return c.text ?? '';
}
function rows(sheet: ExcelJS.Worksheet): ExcelJS.Row[] {
  const out: ExcelJS.Row[] = [];
  sheet.eachRow({ includeEmpty: false }, (r) => void out.push(r));
  return out;
}
function rowStarting(sheet: ExcelJS.Worksheet, label: string, after = 0): ExcelJS.Row {
  const r = rows(sheet).find((x) => x.number > after && text(x.getCell(1)) === label);
  if (!r) throw new Error(`no row "${label}" on ${sheet.name}`);
  return r;
}
function formula(c: ExcelJS.Cell): ExcelJS.CellFormulaValue {
  return c.value as ExcelJS.CellFormulaValue;
}
function sheetOf(b: PackBorrower): ExcelJS.Worksheet {
  return wb.getWorksheet(borrowerSheetName(b.name, b.orgNr))!;
}

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'desk-pack-'));
  borrowers = sandboxBorrowers(12);
  const withData = borrowers.filter((b) => b.items.length > 0);
  assessed = Object.assign(withData[0]!, { assessment: ASSESSMENT, assignedTo: 'Kari Nordmann', watch: { reason: 'Fallende ordreinngang', reviewDate: '2025-10-01', addedBy: 'Ola Hansen', addedAt: '2025-08-01T09:00:00Z' } });
  bankrupt = withData[1]!;
  bankrupt.registry = { unit: unitFromEnhet(Enhet.parse({ ...EQUINOR_ENHET, organisasjonsnummer: bankrupt.orgNr, konkurs: true, konkursdato: '2025-06-12' }), '2025-08-19T10:00:00Z'), filings: [] };
  const r = withRevisedYtd(withData[2]!);
  revised = r;
  borrowers[borrowers.indexOf(withData[2]!)] = r;
  file = path.join(dir, 'pack.xlsx');
  const progress: string[] = [];
  const out = await buildPack(sourceOf(borrowers), OPTIONS, file, { onProgress: (p) => progress.push(p.phase) });
  expect(out.borrowers).toBe(12);
  expect(out.bytes).toBe(fs.statSync(file).size);
  expect(new Set(progress)).toEqual(new Set(['preparing', 'summary', 'borrowers', 'finishing']));
  wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  parts = await XlsxParts.open(file);
});

afterAll(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('the pack, read back with exceljs', () => {
  it('has the cover, the overview, a sheet per borrower with data (none for those without), the appendix, the full grid, definitions and sources', () => {
    const names = wb.worksheets.map((w) => w.name);
    const withData = borrowers.filter((b) => b.items.length > 0);
    expect(borrowers.length - withData.length).toBeGreaterThan(0);
    expect(names).toEqual(['Forside', 'Oversikt', ...withData.map((b) => borrowerSheetName(b.name, b.orgNr)), 'Uten data', 'Alle tall', 'Definisjoner', 'Kilder']);
    for (const n of names) expect(n.length).toBeLessThanOrEqual(31);
  });

  it('sets the document properties', () => {
    expect(wb.creator).toBe('Symetrisk Desk');
    expect(wb.title).toBe('Kredittkomitépakke: Demo');
    expect(wb.subject).toBe('Demo Sparebank');
    expect(wb.created?.toISOString()).toBe(NOW.toISOString());
  });

  it('puts bank, profile, data as of and generation time in local time with the zone, version, source, the unit once and a disclaimer on the cover', () => {
    const values = new Map<string, string>();
    for (const r of rows(wb.getWorksheet('Forside')!)) values.set(text(r.getCell(1)), text(r.getCell(2)));
    expect(values.get('Bank')).toBe('Demo Sparebank (Org.nr. 987 654 325)');
    expect(values.get('Profil')).toBe('Demo');
    expect(values.get('Data per')).toBe('20.08.2025 kl. 10:00 CEST (siste synkronisering)');
    expect(values.get('Laget')).toBe('20.08.2025 kl. 12:00 CEST');
    expect(values.get('Appversjon')).toBe('Symetrisk Desk 9.9.9');
    expect(values.get('Datakilde')).toBe('Symetrisk sandbox (Demo)');
    expect(values.get('Låntakere')).toMatch(/^12: \d+ med regnskapsdata \(ett ark hver\), \d+ uten regnskapsdata \(i vedlegget\)$/);
    expect(values.get('Beløp')).toBe('Beløp i NOK 1\u00a0000; negative tall i parentes');
    expect(values.get('Forbehold')).toContain('ikke reviderte regnskap');
  });

  it('prints the overview at 100 % on one A4 landscape width, its heading on every page, the bankrupt borrower first and breaches before the rest', () => {
    const sum = wb.getWorksheet('Oversikt')!;
    expect(sum.pageSetup).toMatchObject({ paperSize: 9, orientation: 'landscape', scale: 100, printTitlesRow: '3:3' });
    expect(sum.pageSetup.fitToPage).toBeFalsy();
    const width = (sum.columns ?? []).reduce((x, c) => x + (c.width ?? 0), 0);
    expect(width).toBeLessThanOrEqual(MAX_PRINT_CHARS.landscape);
    const body = rows(sum).filter((r) => r.number > 3 && /^\d{3} \d{3} \d{3}$/.test(text(r.getCell(1))));
    const withData = borrowers.filter((b) => b.items.length > 0);
    expect(body).toHaveLength(withData.length);
    expect(text(body[0]!.getCell(1))).toBe(`${bankrupt.orgNr.slice(0, 3)} ${bankrupt.orgNr.slice(3, 6)} ${bankrupt.orgNr.slice(6)}`);
    expect(text(body[0]!.getCell(10)).replace(/\n/g, ' ')).toBe('Enhetsregisteret: Konkurs 12.06.2025');
    // Then every borrower with a breach before any without.
    const breached = body.slice(1).map((r) => /brudd/.test(text(r.getCell(9))));
    expect(breached.indexOf(false)).toBeGreaterThan(0);
    expect(breached.slice(breached.indexOf(false))).not.toContain(true);
    // The name opens the borrower's sheet.
    const link = formula(body[0]!.getCell(2));
    expect(link.formula).toBe(`HYPERLINK("#'${borrowerSheetName(bankrupt.name, bankrupt.orgNr)}'!A1","${bankrupt.name}")`);
    // Key figures on their basis, as page 1 gives them.
    const a = analyseBorrower(assessed.items, { now: NOW, maxAgeDays: 45 });
    const s = committeeSummary(assessed, a, summaryContext(sourceOf(borrowers), OPTIONS));
    const row = body.find((r) => text(r.getCell(1)).replace(/ /g, '') === assessed.orgNr)!;
    expect(row.getCell(4).value).toBe(s.keyFigures.find((k) => k.metric === 'revenues')!.value);
    expect(text(row.getCell(3))).toContain(s.basis.label.startsWith('Siste 12 mnd') ? 'Siste 12 mnd' : '');
    expect(text(row.getCell(11)).replace(/\n/g, ' ')).toBe('Innvilges på vilkår');
    expect(text(rows(sum).at(-1)!.getCell(1))).toMatch(/^\d+ låntakere uten regnskapsdata står på arket «Uten data»\.$/);
  });

  it('lists the borrowers without data in one appendix table, with their state in words and why', () => {
    const nd = wb.getWorksheet('Uten data')!;
    const none = borrowers.filter((b) => b.items.length === 0);
    const listed = rows(nd).filter((r) => /^\d{3} \d{3} \d{3}$/.test(text(r.getCell(1))));
    expect(listed.map((r) => text(r.getCell(2)))).toEqual(none.map((b) => b.name));
    for (const r of listed) {
      expect(text(r.getCell(3))).toMatch(/^Tilgang (forespurt|avslått|trukket tilbake|godkjent)/);
      expect(text(r.getCell(4))).toMatch(/\.$/);
    }
  });

  it('makes page 1 of a borrower’s sheet the committee summary, exactly one A4 page at 100 %, its key figures formulas on the table', () => {
    const sheet = sheetOf(assessed);
    const a = analyseBorrower(assessed.items, { now: NOW, maxAgeDays: 45 });
    const s = committeeSummary(assessed, a, summaryContext(sourceOf(borrowers), OPTIONS));
    expect(sheet.pageSetup).toMatchObject({ paperSize: 9, orientation: 'landscape', scale: 100 });
    expect(text(sheet.getCell('A1'))).toBe('Sammendrag for kredittkomiteen');
    expect(text(sheet.getCell('J1'))).toBe('Demo Sparebank');
    expect(text(sheet.getCell('A2'))).toBe(assessed.name);
    expect(text(sheet.getCell('A3'))).toContain(`Org.nr. ${s.header.orgNr} · Saksbehandler: Kari Nordmann`);
    // Page 1 ends where the first page break is, and its rows fit the page.
    const p1 = rowStarting(sheet, 'Signering');
    const brk = p1.number + 4;
    let height = 0;
    for (let n = 1; n <= brk; n++) height += sheet.getRow(n).height ?? 15;
    expect(height).toBeLessThanOrEqual(bodyHeightPt('landscape'));
    for (const k of s.keyFigures) {
      const r = rowStarting(sheet, k.label, 8);
      expect(r.number).toBeLessThan(p1.number);
      const v = r.getCell(2).value as ExcelJS.CellFormulaValue;
      expect(v.formula, k.label).toMatch(/^[B-H]\d+$/);
      expect(v.result).toBe(k.value ?? k.text);
    }
    // The assessment with its author and date; the watch list; the sign-off lines. (The right half starts in F.)
    const right = rows(sheet)
      .filter((r) => r.number < p1.number)
      .map((r) => text(r.getCell(6)))
      .join(' ');
    expect(right).toContain('Anbefaling: Innvilges på vilkår');
    expect(right).toContain('Driften er stabil');
    expect(right).toContain(`Skrevet av Kari Nordmann, ${formatLocalDateTime(ASSESSMENT.updatedAt, 'nb')}`);
    expect(right).toContain('2 tidligere versjoner lagret');
    expect(right).toContain('På overvåkingslisten: Fallende ordreinngang; ny vurdering innen 01.10.2025');
    const signOff = rows(sheet).filter((r) => r.number > p1.number && r.number <= brk).flatMap((r) => [1, 3, 6].map((c) => text(r.getCell(c))));
    expect(signOff).toEqual(expect.arrayContaining(['Saksbehandler', 'Kundeansvarlig', 'Beslutning (kredittkomiteen)', 'Navn: Kari Nordmann']));
  });

  it('gives the register’s bankruptcy as the most severe early warning on page 1 and prints the register’s facts', () => {
    const sheet = sheetOf(bankrupt);
    const p1 = rowStarting(sheet, 'Signering').number;
    const first = rows(sheet).find((r) => r.number < p1 && text(r.getCell(6)).startsWith('• '))!;
    expect(text(first.getCell(6))).toBe('• Enhetsregisteret: Konkurs 12.06.2025');
    const facts = new Map(rows(sheet).filter((r) => r.number > p1).map((r) => [text(r.getCell(1)), text(r.getCell(2))]));
    expect(facts.get('Registrert navn')).toBe('EQUINOR ASA');
    expect(facts.get('Organisasjonsform')).toMatch(/\(ASA\)$/);
    expect(facts.get('Næringskode 1')).toMatch(/^\d{2}\.\d{3} /);
    expect(facts.get('MVA-registrert')).toMatch(/^(ja|nei|ikke oppgitt)$/);
    expect(facts.has('Siste innsendte årsregnskap')).toBe(true);
  });

  it('shows a borrower’s periods side by side, the derived ones as formulas on the others, estimates marked anslag', () => {
    const b = borrowers.find((x) => x.items.length > 0 && analyseBorrower(x.items, { now: NOW }).latest!.reported.basis === 'ytd' && analyseBorrower(x.items, { now: NOW }).bases!.ltm.ok)!;
    const a = analyseBorrower(b.items, { now: NOW, maxAgeDays: 45 });
    const sheet = sheetOf(b);
    const head = rowStarting(sheet, 'Periode');
    const heads = [2, 3, 4, 5, 6, 7, 8].map((c) => text(head.getCell(c)).replace(/\n/g, ' ').replace(/- /g, '-'));
    expect(heads[0]).toBe(a.latest!.reported.label.nb);
    expect(heads[2]).toBe('Endring');
    const ltm = a.bases!.ltm as { ok: true; period: PeriodFigures };
    expect(heads[3]!.replace(/\s/g, '')).toBe(ltm.period.label.nb.replace(/\s/g, ''));
    if (ltm.period.estimate) expect(ltm.period.label.nb).toContain('(anslag)');
    const revenue = rowStarting(sheet, 'Driftsinntekter', head.number);
    const n = revenue.number;
    expect(revenue.getCell(2).value).toBe(a.latest!.reported.flows.revenues);
    const ltmCell = formula(revenue.getCell(5));
    expect(ltmCell.formula).toMatch(ltm.period.method === 'ltm_combination' ? new RegExp(`^B${n}\\+[F-H]${n}-C${n}$`) : new RegExp(`^B${n}\\+[F-H]${n}\\*\\d+/\\d+$`));
    expect(ltmCell.result).toBeCloseTo(ltm.period.flows.revenues, 4);
    // Balances of the twelve months are the year to date's.
    expect(formula(rowStarting(sheet, 'Egenkapital', head.number).getCell(5)).formula).toMatch(/^B\d+$/);
    // Profit before tax is net profit + taxes of its own column.
    const pbt = rowStarting(sheet, 'Resultat før skatt', head.number);
    expect(formula(pbt.getCell(2)).formula).toBe(`B${rowStarting(sheet, 'Resultat etter skatt', head.number).number}+B${rowStarting(sheet, 'Skattekostnad', head.number).number}`);
    // The change column: a relative change of an amount, as a formula.
    const change = formula(revenue.getCell(4));
    expect(change.formula).toBe(`IF(AND(ISNUMBER(B${n}),ISNUMBER(C${n})),IF(ABS(C${n})<0.005,"",(B${n}-C${n})/ABS(C${n})),"")`);
    expect(revenue.getCell(2).numFmt).toBe('[$-414]#,##0,;(#,##0,)');
    expect(revenue.getCell(4).numFmt).toBe('[$-414]+0.0 %;-0.0 %;0.0 %');
  });

  it('writes every ratio as a live formula on the table’s lines, its value the analysis’ own, changes of a percent ratio in percentage points', () => {
    let checked = 0;
    for (const b of borrowers.filter((x) => x.items.length > 0)) {
      const a = analyseBorrower(b.items, { now: NOW, maxAgeDays: 45 });
      const sheet = sheetOf(b);
      const ratioHead = rows(sheet).filter((r) => text(r.getCell(1)) === 'Periode')[1]!;
      for (const id of RATIO_IDS) {
        const r = rowStarting(sheet, RATIO_DEFINITIONS[id].name.nb, ratioHead.number);
        const v = r.getCell(2).value;
        const expected = a.latest!.ratios[id];
        if (expected.value === null && expected.kind === 'not_available') {
          expect(v).toBe('–');
          continue;
        }
        const f = v as ExcelJS.CellFormulaValue;
        expect(f.formula, `${b.orgNr} ${id}`).toMatch(/^IF\(/);
        if (expected.value === null) expect(f.result).toBe('n.m.');
        // exceljs reads a stored result of 0 back as no result (the file holds <v>0</v>).
        else expect((f.result ?? 0) as number).toBeCloseTo(expected.value, 9);
        expect(r.getCell(2).numFmt).toBe(RATIO_DEFINITIONS[id].unit === 'percent' ? '[$-414]0.0 %;-0.0 %' : '[$-414]0.0"x";-0.0"x"');
        if (text(ratioHead.getCell(4)) === 'Endring') {
          const c = r.getCell(4);
          expect(c.numFmt).toBe(RATIO_DEFINITIONS[id].unit === 'percent' ? '[$-414]+0.0" pp";-0.0" pp";0.0" pp"' : '[$-414]+0.0"x";-0.0"x";0.0"x"');
          if (RATIO_DEFINITIONS[id].unit === 'percent') expect(formula(c).formula).toMatch(/\*100,""\)$/);
        }
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(40);
  });

  it('tests every rule on its basis in the covenant table, the row read as a sentence, buffer in the rule’s unit', () => {
    const b = borrowers.find((x) => x.items.length > 0)!;
    const a = analyseBorrower(b.items, { now: NOW, maxAgeDays: 45 });
    const sheet = sheetOf(b);
    const table = rowStarting(sheet, 'Oppfyllelse av covenants og porteføljegrenser');
    for (const test of a.covenants) {
      const r = rows(sheet).find((x) => x.number > table.number && text(x.getCell(1)).startsWith(`${test.name.nb}\n`))!;
      expect(r, test.rule).toBeDefined();
      expect(text(r.getCell(4)).replace(/\n/g, ' ')).toMatch(/^(minst|høyst) /);
      const status = r.getCell(10).value as ExcelJS.CellFormulaValue | string;
      expect(typeof status === 'string' ? status : status.result).toBe({ ok: 'oppfylt', near_limit: 'nær grensen', breach: 'brudd', not_testable: 'kan ikke testes' }[test.status]);
      expect(text(sheet.getRow(r.number + 1).getCell(1))).toBe(test.sentence.nb);
    }
  });

  it('flags a revised year to date with before and after, and keeps the replaced snapshot in the sources', () => {
    const a = analyseBorrower(revised.items, { now: NOW, maxAgeDays: 45 });
    expect(a.revisions.some((r) => r.kind === 'interim_revision')).toBe(true);
    const sheet = sheetOf(revised);
    const section = rowStarting(sheet, 'Korrigerte tall');
    const rev = a.revisions.find((r) => r.kind === 'interim_revision')!;
    const line = rows(sheet).find((r) => r.number > section.number && text(r.getCell(1)) === 'Driftsinntekter')!;
    expect(line.getCell(2).value).toBe(rev.moved.find((m) => m.id === 'revenues')!.before);
    expect(line.getCell(3).value).toBe(rev.moved.find((m) => m.id === 'revenues')!.after);
    expect(text(line.getCell(7))).toBe(`${rev.before.id} → ${rev.after.id}`);
    // Page 1 says so among its early warnings.
    const p1 = rowStarting(sheet, 'Signering').number;
    expect(rows(sheet).some((r) => r.number < p1 && text(r.getCell(6)).startsWith('• Korrigert hittil i år'))).toBe(true);
    // The sheet's and the pack's sources keep the replaced snapshot.
    expect(rows(sheet).some((r) => text(r.getCell(1)).includes(`erstattet av snapshot ${rev.after.id}`) && r.getCell(2).value === rev.before.id)).toBe(true);
    const prov = wb.getWorksheet('Kilder')!;
    const kept = rows(prov).find((r) => text(r.getCell(1)) === revised.orgNr && r.getCell(3).value === rev.before.id)!;
    expect(text(kept.getCell(10))).toBe(`erstattet av snapshot ${rev.after.id}`);
  });

  it('names every snapshot used on the sources sheet, with its fetch time in Norway time and the zone', () => {
    const prov = wb.getWorksheet('Kilder')!;
    const listed = rows(prov).slice(1);
    for (const b of borrowers.filter((x) => x.items.length > 0)) {
      const a = analyseBorrower(b.items, { now: NOW });
      for (const y of a.years.slice(0, 3)) {
        const s = y.snapshot;
        const row = listed.find((r) => text(r.getCell(1)) === b.orgNr && r.getCell(3).value === s.id);
        expect(row, `${b.orgNr} ${s.id}`).toBeDefined();
        expect(row!.getCell(5).value).toEqual(new Date(`${s.snapshotDate}T00:00:00Z`));
        expect(text(row!.getCell(6))).toBe(formatLocalDateTime(s.fetchedAt, 'nb'));
        expect(text(row!.getCell(6))).toMatch(/ kl\. \d\d:\d\d CES?T$/);
        expect(text(row!.getCell(7))).toBe(s.accountingSystem);
        expect(text(row!.getCell(8))).toBe(s.formatVersion);
      }
    }
  });

  it('defines everything in words, says once what cannot be computed, and gives wrapped rows their height', () => {
    const defs = wb.getWorksheet('Definisjoner')!;
    const cells = rows(defs).flatMap((r) => [1, 2, 3].map((c) => text(r.getCell(c))));
    for (const id of RATIO_IDS) expect(cells.some((c) => c.startsWith(RATIO_DEFINITIONS[id].definition.nb)), id).toBe(true);
    const statementLines = rows(defs).filter((r) => NOT_COMPUTABLE_STATEMENT.nb.startsWith(text(r.getCell(1)).slice(0, 30)) && text(r.getCell(1)) !== '');
    expect(statementLines).toHaveLength(1);
    expect(cells.join(' ')).toContain('Symetrisk gir bare fire balanseposter');
    for (const r of rows(defs)) {
      const lines = Math.max(...[1, 2, 3].map((c) => text(r.getCell(c)).split('\n').length));
      if (lines > 1) expect(r.height, `row ${r.number}`).toBeGreaterThanOrEqual(lines * 10.5);
    }
  });

  it('has the full grid as an Excel table on its own sheet, its columns the header cells', async () => {
    const grid = wb.getWorksheet('Alle tall')!;
    const heads = (grid.getRow(1).values as ExcelJS.CellValue[]).slice(1).map(String);
    const sheets = await parts.sheets();
    const part = sheets.find((s) => s.name === 'Alle tall')!.part;
    const rels = [...(await parts.rels(part)).values()];
    const table = await parts.xml(rels.find((r) => r.type.endsWith('/table'))!.target);
    expect(attr(table, 'ref')).toBe(`A1:${columnLetter(heads.length)}${borrowers.length + 1}`);
    expect(all(table, NS.main, 'tableColumn').map((c) => attr(c, 'name'))).toEqual(heads);
    expect(new Set(heads).size).toBe(heads.length);
    expect(rows(grid).slice(1).map((r) => text(r.getCell(1)))).toEqual(borrowers.map((b) => b.orgNr));
  });
});

describe('the pack’s language', () => {
  it('prints no stored code anywhere, a covenant status only in its words, and nothing below 8 pt', async () => {
    const problems: string[] = [];
    for (const ws of wb.worksheets) {
      ws.eachRow((r) => {
        r.eachCell((c) => {
          const t = text(c);
          for (const code of RAW_CODES) if (new RegExp(`\\b${code}\\b`).test(t)) problems.push(`${ws.name}!${c.address}: ${code} in "${t.slice(0, 80)}"`);
          if (/^(ok|BRUDD|i\.t\.)$/.test(t.trim())) problems.push(`${ws.name}!${c.address}: "${t}"`);
          const size = c.font?.size ?? 9;
          if (size < 8) problems.push(`${ws.name}!${c.address}: ${size} pt`);
        });
      });
    }
    expect(problems).toEqual([]);
    // The workbook's own font (every cell without one of its own) is Arial 9.
    const styles = await parts.xml('xl/styles.xml');
    const font0 = kid(kid(styles, NS.main, 'fonts')!, NS.main, 'font')!;
    expect(attr(kid(font0, NS.main, 'sz')!, 'val')).toBe('9');
    expect(attr(kid(font0, NS.main, 'name')!, 'val')).toBe('Arial');
  });

  it('writes English and whole kroner when asked, with no Norwegian of its own', async () => {
    const f = path.join(dir, 'en.xlsx');
    const some = borrowers.slice(0, 6).map((b) => ({ ...b, assessment: null, watch: null, assignedTo: null }));
    await buildPack(sourceOf(some), { ...OPTIONS, language: 'en', amountUnit: 'nok', charts: false }, f);
    const en = new ExcelJS.Workbook();
    await en.xlsx.readFile(f);
    expect(en.worksheets.map((w) => w.name).filter((n) => !/\d{9}$/.test(n))).toEqual(['Cover', 'Overview', 'Without data', 'All figures', 'Definitions', 'Sources']);
    const b = some.find((x) => x.items.length > 0)!;
    const sheet = en.getWorksheet(borrowerSheetName(b.name, b.orgNr))!;
    expect(text(sheet.getCell('A1'))).toBe('Credit committee summary');
    const revenue = rows(sheet).find((r) => text(r.getCell(1)) === 'Revenue' && typeof r.getCell(2).value === 'number')!;
    expect(revenue.getCell(2).numFmt).toBe('[$-809]#,##0;(#,##0)');
    expect(revenue.getCell(2).font?.size).toBe(8);
    // Norwegian words the pack itself would use: none in its English cells (names, systems and quoted sources aside).
    const norwegian = /\b(og|ikke|brudd|oppfylt|anslag|Siste 12 mnd|HiÅ|helår|Beløp|Låntaker\w*|Driftsinntekter|Egenkapital\w*|Tilgang|Saksbehandler|Vurdering|Side|Fortrolig|kr)\b/;
    const data = new Set(some.flatMap((x) => [x.name, ...x.items.map((i) => i.accountingSystem)]));
    const found: string[] = [];
    for (const ws of en.worksheets) {
      ws.eachRow((r) =>
        r.eachCell((c) => {
          const t = text(c);
          if (data.has(t) || /Proff|SSB|Finans Norge|Brønnøysund/.test(t)) return;
          const stripped = [...data].reduce((x, d) => x.split(d).join(''), t);
          if (norwegian.test(stripped)) found.push(`${ws.name}!${c.address}: ${t.slice(0, 90)}`);
        }),
      );
    }
    expect(found).toEqual([]);
  });
});

describe('pack options and safety', () => {
  it('leaves no file (and keeps an older one) when cancelled', async () => {
    const target = path.join(dir, 'cancelled.xlsx');
    fs.writeFileSync(target, 'older file');
    const controller = new AbortController();
    const run = buildPack(sourceOf(borrowers), OPTIONS, target, {
      signal: controller.signal,
      onProgress: (p) => {
        if (p.phase === 'borrowers' && p.done === 2) controller.abort();
      },
    });
    await expect(run).rejects.toMatchObject({ code: 'cancelled' });
    expect(fs.readFileSync(target, 'utf8')).toBe('older file');
    expect(fs.readdirSync(dir).filter((f) => f.endsWith('.part'))).toEqual([]);
  });

  it('removes the temp file when the source fails mid-way', async () => {
    const target = path.join(dir, 'broken.xlsx');
    const source = sourceOf([], {
      count: 2,
      *borrowers() {
        yield borrowers.find((b) => b.items.length > 0)!;
        throw new Error('the cache went away');
      },
    });
    await expect(buildPack(source, OPTIONS, target)).rejects.toThrow('the cache went away');
    expect(fs.existsSync(target)).toBe(false);
    expect(fs.readdirSync(dir).filter((f) => f.endsWith('.part'))).toEqual([]);
  });

  it('ends with a storage error (disk full) and no file when the disk fills mid-way, instead of never settling', async () => {
    // The file stream fails with ENOSPC once some bytes are written, as on a full disk (the real disk is filled in
    // tests/security/faults.test.ts, which needs root). exceljs opens the stream itself, hence the spy.
    const real = fs.createWriteStream.bind(fs);
    const spy = vi.spyOn(fs, 'createWriteStream').mockImplementation(((p: fs.PathLike, opts?: Parameters<typeof fs.createWriteStream>[1]) => {
      const stream = real(p, opts);
      let written = 0;
      const fail = (bytes: number, cb: (e?: Error | null) => void, go: () => void) => {
        written += bytes;
        if (written > 20_000) cb(Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' }));
        else go();
      };
      const write = stream._write.bind(stream);
      const writev = stream._writev?.bind(stream);
      stream._write = (chunk: Buffer, enc: BufferEncoding, cb: (e?: Error | null) => void) => fail(chunk.length, cb, () => write(chunk, enc, cb));
      if (writev) {
        stream._writev = (chunks: { chunk: Buffer; encoding: BufferEncoding }[], cb: (e?: Error | null) => void) =>
          fail(chunks.reduce((n, c) => n + c.chunk.length, 0), cb, () => writev(chunks, cb));
      }
      return stream;
    }) as typeof fs.createWriteStream);
    const target = path.join(dir, 'full.xlsx');
    try {
      for (const charts of [true, false]) {
        await expect(buildPack(sourceOf(borrowers), { ...OPTIONS, charts }, target)).rejects.toMatchObject({
          code: 'storage',
          message: expect.stringMatching(/disk is full/),
        });
        expect(fs.existsSync(target)).toBe(false);
        expect(fs.readdirSync(dir).filter((f) => f.endsWith('.part'))).toEqual([]);
      }
      expect(spy).toHaveBeenCalled();
    } finally {
      spy.mockRestore();
    }
  });

  it('names a missing folder clearly (storage)', async () => {
    const target = path.join(dir, 'no-such-folder', 'x.xlsx');
    await expect(buildPack(sourceOf(borrowers.slice(0, 1)), OPTIONS, target)).rejects.toMatchObject({
      code: 'storage',
      message: expect.stringContaining('does not exist'),
    });
  });

  it('maps a locked or read-only target to file_busy with a message the analyst can act on', () => {
    for (const code of ['EBUSY', 'EPERM', 'EACCES', 'EROFS']) {
      const e = exportFileError(Object.assign(new Error('x'), { code }), '/some/where/pack.xlsx');
      expect(e).toBeInstanceOf(AppError);
      expect(e.code).toBe('file_busy');
      expect(e.message).toContain('pack.xlsx');
      expect(e.message).toContain('open in another program');
    }
    expect(exportFileError(Object.assign(new Error('x'), { code: 'ENOSPC' }), '/a/b.xlsx').code).toBe('storage');
  });

  it.skipIf(process.getuid?.() === 0)('refuses a folder that is not writable with file_busy (skipped as root: root writes anywhere)', async () => {
    const ro = path.join(dir, 'read-only');
    fs.mkdirSync(ro);
    fs.chmodSync(ro, 0o500);
    try {
      await expect(buildPack(sourceOf(borrowers.slice(0, 1)), OPTIONS, path.join(ro, 'x.xlsx'))).rejects.toMatchObject({ code: 'file_busy' });
    } finally {
      fs.chmodSync(ro, 0o700);
    }
  });

  it('streams 220 borrowers with a sheet each that has data', async () => {
    const many = sandboxBorrowers(220, 11);
    const target = path.join(dir, 'many.xlsx');
    const out = await buildPack(sourceOf(many), { ...OPTIONS, charts: false }, target);
    const withData = many.filter((b) => b.items.length > 0);
    expect(out.sheets).toBe(withData.length + 6);
    const back = new ExcelJS.Workbook();
    await back.xlsx.readFile(target);
    expect(back.worksheets).toHaveLength(withData.length + 6);
    const last = withData.at(-1)!;
    expect(text(back.getWorksheet(borrowerSheetName(last.name, last.orgNr))!.getCell('A2'))).toBe(last.name);
    expect(back.getWorksheet('Alle tall')!.rowCount).toBe(221);
  });
});

