import JSZip from 'jszip';
import fs from 'node:fs';
import path from 'node:path';
import { SaxesParser } from 'saxes';

/**
 * An xlsx read as what it is, a zip of XML parts, for what exceljs does not read back: chart parts, drawings,
 * header/footer and print settings. Relationships are followed as a reader does (workbook → sheet → drawing →
 * chart), never by guessing part names.
 */
export const NS = {
  main: 'http://schemas.openxmlformats.org/spreadsheetml/2006/main',
  rel: 'http://schemas.openxmlformats.org/officeDocument/2006/relationships',
  pkg: 'http://schemas.openxmlformats.org/package/2006/relationships',
  c: 'http://schemas.openxmlformats.org/drawingml/2006/chart',
  a: 'http://schemas.openxmlformats.org/drawingml/2006/main',
  xdr: 'http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing',
  ct: 'http://schemas.openxmlformats.org/package/2006/content-types',
} as const;

/** An element as the tests need it: namespace, local name, attributes by qualified name, children, text. */
export interface XmlElement {
  ns: string;
  name: string;
  attrs: Record<string, { ns: string; local: string; value: string }>;
  children: XmlElement[];
  text: string;
}

/** Parses a part with a namespace-aware XML parser (saxes); throws on anything not well-formed. */
export function parseXml(xml: string): XmlElement {
  const parser = new SaxesParser({ xmlns: true });
  const stack: XmlElement[] = [];
  let root: XmlElement | null = null;
  parser.on('opentag', (tag) => {
    const attrs: XmlElement['attrs'] = {};
    for (const [qname, a] of Object.entries(tag.attributes)) attrs[qname] = { ns: a.uri, local: a.local, value: a.value };
    const el: XmlElement = { ns: tag.uri ?? '', name: tag.local ?? tag.name, attrs, children: [], text: '' };
    stack.at(-1)?.children.push(el);
    stack.push(el);
    root ??= el;
  });
  parser.on('text', (t) => {
    for (const el of stack) el.text += t;
  });
  parser.on('closetag', () => void stack.pop());
  parser.write(xml).close();
  return root!;
}

/** An attribute by namespace and local name (or by plain name when `ns` is ''). */
export function attr(el: XmlElement, name: string, ns = ''): string | null {
  for (const a of Object.values(el.attrs)) if (a.local === name && a.ns === ns) return a.value;
  return null;
}

/** The element children of `el` (optionally only those of one namespace and local name). */
export function kids(el: XmlElement, ns?: string, name?: string): XmlElement[] {
  return el.children.filter((e) => (ns === undefined || e.ns === ns) && (name === undefined || e.name === name));
}

export function kid(el: XmlElement, ns: string, name: string): XmlElement | undefined {
  return kids(el, ns, name)[0];
}

/** Every descendant of `el` in one namespace with one local name, in document order. */
export function all(el: XmlElement, ns: string, name: string): XmlElement[] {
  const out: XmlElement[] = [];
  const walk = (e: XmlElement) => {
    for (const c of e.children) {
      if (c.ns === ns && c.name === name) out.push(c);
      walk(c);
    }
  };
  walk(el);
  return out;
}

export interface ChartSeriesRead {
  nameRef: string;
  name: string;
  valuesRef: string;
  /** The cached values by category; null where the cache has no point. */
  values: (number | null)[];
  /** Categories drawn apart (c:dPt), and whether their fill is a pattern. */
  marked: { idx: number; patterned: boolean }[];
}

export interface ChartRead {
  part: string;
  kind: 'column' | 'line' | 'other';
  title: string;
  lang: string | null;
  categoriesRef: string;
  categories: string[];
  series: ChartSeriesRead[];
  axisFormat: string | null;
  xml: string;
}

function text(el: XmlElement | undefined): string {
  return el?.text ?? '';
}

function resolve(from: string, target: string): string {
  return target.startsWith('/') ? target.slice(1) : path.posix.normalize(path.posix.join(path.posix.dirname(from), target));
}

export class XlsxParts {
  private constructor(
    private readonly zip: JSZip,
    readonly names: string[],
  ) {}

  static async open(file: string): Promise<XlsxParts> {
    const zip = await JSZip.loadAsync(fs.readFileSync(file));
    return new XlsxParts(zip, Object.keys(zip.files).filter((n) => !zip.files[n]!.dir));
  }

  async text(part: string): Promise<string> {
    const f = this.zip.file(part);
    if (!f) throw new Error(`No part ${part}`);
    return f.async('string');
  }

  async xml(part: string): Promise<XmlElement> {
    return parseXml(await this.text(part));
  }

  /** A part's relationships by id: {type, target (resolved to a part name)}. */
  async rels(part: string): Promise<Map<string, { type: string; target: string }>> {
    const relsPart = path.posix.join(path.posix.dirname(part), '_rels', `${path.posix.basename(part)}.rels`);
    const out = new Map<string, { type: string; target: string }>();
    if (!this.zip.file(relsPart)) return out;
    for (const r of kids(await this.xml(relsPart), NS.pkg, 'Relationship')) {
      out.set(attr(r, 'Id')!, { type: attr(r, 'Type')!, target: resolve(part, attr(r, 'Target')!) });
    }
    return out;
  }

  /** The workbook's sheets in order: name and part. */
  async sheets(): Promise<{ name: string; part: string }[]> {
    const wb = await this.xml('xl/workbook.xml');
    const rels = await this.rels('xl/workbook.xml');
    return all(wb, NS.main, 'sheet').map((s) => ({ name: attr(s, 'name')!, part: rels.get(attr(s, 'id', NS.rel)!)!.target }));
  }

  async sheetPart(name: string): Promise<string> {
    const s = (await this.sheets()).find((x) => x.name === name);
    if (!s) throw new Error(`No sheet ${name}`);
    return s.part;
  }

  /** The workbook's defined names: name, sheet index (localSheetId) and formula. */
  async definedNames(): Promise<{ name: string; sheet: number | null; formula: string }[]> {
    return all(await this.xml('xl/workbook.xml'), NS.main, 'definedName').map((d) => ({
      name: attr(d, 'name')!,
      sheet: attr(d, 'localSheetId') === null ? null : Number(attr(d, 'localSheetId')),
      formula: d.text,
    }));
  }

  /** The charts of a sheet, through its drawing, in the drawing's order. */
  async charts(sheetName: string): Promise<ChartRead[]> {
    const part = await this.sheetPart(sheetName);
    const sheet = await this.xml(part);
    const rels = await this.rels(part);
    const out: ChartRead[] = [];
    for (const d of kids(sheet, NS.main, 'drawing')) {
      const drawingPart = rels.get(attr(d, 'id', NS.rel)!)!.target;
      const drawingRels = await this.rels(drawingPart);
      for (const c of all(await this.xml(drawingPart), NS.c, 'chart')) {
        out.push(await this.chart(drawingRels.get(attr(c, 'id', NS.rel)!)!.target));
      }
    }
    return out;
  }

  async chart(part: string): Promise<ChartRead> {
    const xml = await this.text(part);
    const root = parseXml(xml);
    const plot = all(root, NS.c, 'plotArea')[0]!;
    const bar = kid(plot, NS.c, 'barChart');
    const line = kid(plot, NS.c, 'lineChart');
    const sers = kids(bar ?? line ?? plot, NS.c, 'ser');
    const cat = kid(sers[0]!, NS.c, 'cat');
    const catRef = cat ? (all(cat, NS.c, 'strRef')[0] ?? all(cat, NS.c, 'numRef')[0]) : undefined;
    const cache = (ref: XmlElement | undefined) => {
      const count = Number(attr(all(ref!, NS.c, 'ptCount')[0]!, 'val') ?? 0);
      const values: (string | null)[] = Array.from({ length: count }, () => null);
      for (const pt of all(ref!, NS.c, 'pt')) values[Number(attr(pt, 'idx'))] = text(kid(pt, NS.c, 'v'));
      return values;
    };
    return {
      part,
      xml,
      kind: bar ? 'column' : line ? 'line' : 'other',
      title: all(kid(all(root, NS.c, 'chart')[0]!, NS.c, 'title') ?? root, NS.a, 't')
        .map((t) => t.text)
        .join(''),
      lang: attr(kid(root, NS.c, 'lang') ?? root, 'val'),
      categoriesRef: text(kid(catRef!, NS.c, 'f')),
      categories: cache(catRef).map((v) => v ?? ''),
      axisFormat: attr(kid(kid(plot, NS.c, 'valAx')!, NS.c, 'numFmt')!, 'formatCode'),
      series: sers.map((s) => {
        const name = all(kid(s, NS.c, 'tx')!, NS.c, 'strRef')[0]!;
        const valRef = all(kid(s, NS.c, 'val')!, NS.c, 'numRef')[0]!;
        return {
          nameRef: text(kid(name, NS.c, 'f')),
          name: cache(name)[0] ?? '',
          valuesRef: text(kid(valRef, NS.c, 'f')),
          values: cache(valRef).map((v) => (v === null ? null : Number(v))),
          marked: kids(s, NS.c, 'dPt').map((p) => ({
            idx: Number(attr(kid(p, NS.c, 'idx')!, 'val')),
            patterned: all(p, NS.a, 'pattFill').length > 0,
          })),
        };
      }),
    };
  }
}
