import type ExcelJS from 'exceljs';
import { chartXml, type ChartSpec } from './chart-xml';

/**
 * Native charts in exceljs's *streaming* writer, which (4.4) writes none. A sheet's charts need a drawing part
 * whose anchors hold graphic frames pointing at chart parts, the drawing's relationships, a `<drawing>` element in
 * the sheet XML and content-type entries. The parts go into the writer's zip as soon as a sheet asks (so a
 * thousand sheets' charts are never held in memory together), the sheet relationship through the sheet's own rels
 * writer, the `<drawing>` element where the schema wants it (after headerFooter and rowBreaks, just before
 * `<legacyDrawing>`), and the content types are added to the list exceljs writes.
 *
 * This leans on exceljs internals (`zip`, `addContentTypes`, `_sheetRelsWriter`, `_writeLegacyData`); the pack
 * tests read the charts back from the zip and through LibreOffice, so an exceljs upgrade that moves them fails
 * loudly.
 */
interface InternalWorkbookWriter {
  zip: { append(source: Buffer | string, data: { name: string }): unknown };
  addContentTypes(): Promise<void>;
}

interface InternalSheetWriter {
  id: number;
  _sheetRelsWriter: { addRelationship(rel: { Type: string; Target: string }): string };
  _writeLegacyData(): void;
  stream: { write(chunk: string): void };
}

const REL_DRAWING = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/drawing';
const REL_TABLE = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/table';
const CT_TABLE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.table+xml';
const REL_CHART = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/chart';
const CT_DRAWING = 'application/vnd.openxmlformats-officedocument.drawing+xml';
const CT_CHART = 'application/vnd.openxmlformats-officedocument.drawingml.chart+xml';
const EMU_PER_PX = 9525;

function esc(s: string): string {
  return s.replace(/[<>&"]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;' })[c]!);
}

/** Where a chart sits: its top-left corner in a cell (zero-based), an offset into that cell, and its size. */
export interface ChartAnchor {
  col: number;
  row: number;
  colOffsetPx?: number;
  widthPx: number;
  heightPx: number;
  /** Alternative text: what a screen reader says, and what a reader without charts shows. */
  description: string;
}

/** An Excel table over a block of cells whose first row holds the column names (each unique, as the cells say). */
export interface TableSpec {
  /** The table's name: letters, digits and underscores, starting with a letter. */
  name: string;
  /** A1-style range, header row included: "A1:Z101". */
  ref: string;
  columns: readonly string[];
}

/**
 * Native charts and Excel tables in exceljs's streaming writer (see below); one instance per workbook, as both add
 * to the same content types.
 */
export class StreamingCharts {
  private readonly parts: string[] = [];
  private readonly sheets = new Set<number>();
  private tables = 0;
  private charts = 0;
  private drawings = 0;
  private readonly wb: InternalWorkbookWriter;

  constructor(workbook: ExcelJS.stream.xlsx.WorkbookWriter) {
    this.wb = workbook as unknown as InternalWorkbookWriter;
    const writeContentTypes = this.wb.addContentTypes.bind(this.wb);
    // exceljs builds [Content_Types].xml and appends it synchronously; our parts are added to that list.
    this.wb.addContentTypes = () => {
      const zip = this.wb.zip;
      const append = zip.append;
      zip.append = (source, data) =>
        append.call(zip, data.name === '[Content_Types].xml' && typeof source === 'string' ? source.replace('</Types>', `${this.parts.join('')}</Types>`) : source, data);
      try {
        return writeContentTypes();
      } finally {
        zip.append = append;
      }
    };
  }

  /**
   * Makes a block of a sheet that is still open an Excel table (filter buttons, banded rows, a name to refer to),
   * written as its own part like Excel's; the sheet must have no autoFilter of its own. Call before committing it.
   */
  table(sheet: ExcelJS.Worksheet, spec: TableSpec): void {
    const ws = sheet as unknown as InternalSheetWriter;
    const n = ++this.tables;
    const cols = spec.columns.map((c, i) => `<tableColumn id="${i + 1}" name="${esc(c)}"/>`).join('');
    this.wb.zip.append(
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
        `<table xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" id="${n}" name="${spec.name}" displayName="${spec.name}" ref="${spec.ref}" totalsRowShown="0">` +
        `<autoFilter ref="${spec.ref}"/><tableColumns count="${spec.columns.length}">${cols}</tableColumns>` +
        '<tableStyleInfo name="TableStyleLight9" showFirstColumn="0" showLastColumn="0" showRowStripes="1" showColumnStripes="0"/></table>',
      { name: `xl/tables/table${n}.xml` },
    );
    this.parts.push(`<Override PartName="/xl/tables/table${n}.xml" ContentType="${CT_TABLE}"/>`);
    const rId = ws._sheetRelsWriter.addRelationship({ Type: REL_TABLE, Target: `../tables/table${n}.xml` });
    // <tableParts> is the worksheet's last element but extLst, after <legacyDrawing> (and any <drawing>).
    const writeLegacy = ws._writeLegacyData.bind(ws);
    ws._writeLegacyData = () => {
      writeLegacy();
      ws.stream.write(`<tableParts count="1"><tablePart r:id="${rId}"/></tableParts>`);
    };
  }

  /** Adds the charts of a sheet that is still open (call once per sheet, before committing it). */
  add(sheet: ExcelJS.Worksheet, charts: readonly { spec: ChartSpec; anchor: ChartAnchor }[]): void {
    if (charts.length === 0) return;
    const ws = sheet as unknown as InternalSheetWriter;
    if (this.sheets.has(ws.id)) throw new Error(`Sheet ${ws.id} already has its charts.`);
    this.sheets.add(ws.id);
    const d = ++this.drawings;
    const rels: string[] = [];
    const anchors: string[] = [];
    charts.forEach(({ spec, anchor }, k) => {
      const n = ++this.charts;
      this.wb.zip.append(chartXml(spec), { name: `xl/charts/chart${n}.xml` });
      this.parts.push(`<Override PartName="/xl/charts/chart${n}.xml" ContentType="${CT_CHART}"/>`);
      rels.push(`<Relationship Id="rId${k + 1}" Type="${REL_CHART}" Target="../charts/chart${n}.xml"/>`);
      anchors.push(
        `<xdr:oneCellAnchor><xdr:from><xdr:col>${anchor.col}</xdr:col><xdr:colOff>${Math.round((anchor.colOffsetPx ?? 0) * EMU_PER_PX)}</xdr:colOff>` +
          `<xdr:row>${anchor.row}</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:from>` +
          `<xdr:ext cx="${Math.round(anchor.widthPx * EMU_PER_PX)}" cy="${Math.round(anchor.heightPx * EMU_PER_PX)}"/>` +
          `<xdr:graphicFrame macro=""><xdr:nvGraphicFramePr><xdr:cNvPr id="${k + 2}" name="${esc(spec.title)}" descr="${esc(anchor.description)}"/>` +
          '<xdr:cNvGraphicFramePr><a:graphicFrameLocks noGrp="1"/></xdr:cNvGraphicFramePr></xdr:nvGraphicFramePr>' +
          '<xdr:xfrm><a:off x="0" y="0"/><a:ext cx="0" cy="0"/></xdr:xfrm>' +
          '<a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/chart">' +
          `<c:chart xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" r:id="rId${k + 1}"/>` +
          '</a:graphicData></a:graphic></xdr:graphicFrame><xdr:clientData/></xdr:oneCellAnchor>',
      );
    });
    this.wb.zip.append(
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${rels.join('')}</Relationships>`,
      { name: `xl/drawings/_rels/drawing${d}.xml.rels` },
    );
    this.wb.zip.append(
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
        '<xdr:wsDr xmlns:xdr="http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main">' +
        `${anchors.join('')}</xdr:wsDr>`,
      { name: `xl/drawings/drawing${d}.xml` },
    );
    this.parts.push(`<Override PartName="/xl/drawings/drawing${d}.xml" ContentType="${CT_DRAWING}"/>`);
    const rId = ws._sheetRelsWriter.addRelationship({ Type: REL_DRAWING, Target: `../drawings/drawing${d}.xml` });
    const writeLegacy = ws._writeLegacyData.bind(ws);
    ws._writeLegacyData = () => {
      ws.stream.write(`<drawing r:id="${rId}"/>`);
      writeLegacy();
    };
  }
}
