import type ExcelJS from 'exceljs';

/**
 * Pictures in exceljs's *streaming* writer, which (4.4) only supports background images. A picture needs a
 * drawing part, its relationships, a `<drawing>` element in the sheet XML and content-type entries; we append the
 * first two to the writer's zip as soon as a sheet asks, add the relationship through the sheet's own rels writer,
 * and write the element where the schema wants it (just before `<legacyDrawing>`). The PNG goes into the zip at
 * once rather than into `workbook.media`, so 1,000 charts are never held in memory together.
 *
 * This leans on exceljs internals (`zip`, `_sheetRelsWriter`, `_writeLegacyData`, `addContentTypes`); the pack
 * tests read the pictures back with exceljs and LibreOffice, so an exceljs upgrade that moves them fails loudly.
 */
interface InternalWorkbookWriter {
  zip: { append(source: Buffer | string, data: { name: string }): void };
  addContentTypes(): Promise<void>;
  _worksheets: (InternalSheetWriter | undefined)[];
  sharedStrings: { count: number };
}

interface InternalSheetWriter {
  id: number;
  _sheetRelsWriter: { addRelationship(rel: { Type: string; Target: string }): string };
  _writeLegacyData(): void;
  stream: { write(chunk: string): void };
}

const REL_DRAWING = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/drawing';
const REL_IMAGE = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/image';
const EMU_PER_PX = 9525;

function xmlEscape(s: string): string {
  return s.replace(/[<>&"]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;' })[c]!);
}

export interface PictureAnchor {
  /** Zero-based column and row of the top-left corner. */
  col: number;
  row: number;
  widthPx: number;
  heightPx: number;
  /** Alternative text (accessibility; also what a reader without pictures shows). */
  description: string;
}

export class StreamingPictures {
  private readonly drawings: number[] = [];
  private readonly wb: InternalWorkbookWriter;

  constructor(workbook: ExcelJS.stream.xlsx.WorkbookWriter) {
    this.wb = workbook as unknown as InternalWorkbookWriter;
    this.wb.addContentTypes = () => {
      this.wb.zip.append(this.contentTypes(), { name: '[Content_Types].xml' });
      return Promise.resolve();
    };
  }

  /** Adds one PNG to a sheet that is still open (call before committing it); one picture per sheet. */
  add(sheet: ExcelJS.Worksheet, png: Buffer, anchor: PictureAnchor): void {
    const ws = sheet as unknown as InternalSheetWriter;
    const n = this.drawings.length + 1;
    this.drawings.push(n);
    this.wb.zip.append(png, { name: `xl/media/chart${n}.png` });
    this.wb.zip.append(
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL_IMAGE}" Target="../media/chart${n}.png"/></Relationships>`,
      { name: `xl/drawings/_rels/drawing${n}.xml.rels` },
    );
    const cx = Math.round(anchor.widthPx * EMU_PER_PX);
    const cy = Math.round(anchor.heightPx * EMU_PER_PX);
    this.wb.zip.append(
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
        '<xdr:wsDr xmlns:xdr="http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main">' +
        `<xdr:oneCellAnchor><xdr:from><xdr:col>${anchor.col}</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>${anchor.row}</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:from>` +
        `<xdr:ext cx="${cx}" cy="${cy}"/>` +
        `<xdr:pic><xdr:nvPicPr><xdr:cNvPr id="2" name="Chart ${n}" descr="${xmlEscape(anchor.description)}"/><xdr:cNvPicPr><a:picLocks noChangeAspect="1"/></xdr:cNvPicPr></xdr:nvPicPr>` +
        '<xdr:blipFill><a:blip xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" r:embed="rId1"/><a:stretch><a:fillRect/></a:stretch></xdr:blipFill>' +
        `<xdr:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="${cx}" cy="${cy}"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom></xdr:spPr></xdr:pic>` +
        '<xdr:clientData/></xdr:oneCellAnchor></xdr:wsDr>',
      { name: `xl/drawings/drawing${n}.xml` },
    );
    const rId = ws._sheetRelsWriter.addRelationship({ Type: REL_DRAWING, Target: `../drawings/drawing${n}.xml` });
    const writeLegacy = ws._writeLegacyData.bind(ws);
    ws._writeLegacyData = () => {
      ws.stream.write(`<drawing r:id="${rId}"/>`);
      writeLegacy();
    };
  }

  private contentTypes(): string {
    const parts = [
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">',
      '<Default Extension="png" ContentType="image/png"/>',
      '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>',
      '<Default Extension="xml" ContentType="application/xml"/>',
      '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>',
    ];
    for (const ws of this.wb._worksheets) {
      if (ws) parts.push(`<Override PartName="/xl/worksheets/sheet${ws.id}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`);
    }
    parts.push(
      '<Override PartName="/xl/theme/theme1.xml" ContentType="application/vnd.openxmlformats-officedocument.theme+xml"/>',
      '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>',
    );
    if (this.wb.sharedStrings.count) {
      parts.push('<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>');
    }
    for (const n of this.drawings) {
      parts.push(`<Override PartName="/xl/drawings/drawing${n}.xml" ContentType="application/vnd.openxmlformats-officedocument.drawing+xml"/>`);
    }
    parts.push(
      '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>',
      '<Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/>',
      '</Types>',
    );
    return parts.join('');
  }
}
