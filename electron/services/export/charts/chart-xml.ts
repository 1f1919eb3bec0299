/**
 * Chart parts (xl/charts/chartN.xml, DrawingML's c:chartSpace) for the pack's native Excel charts: a clustered
 * column chart or a line chart whose series are bound to cells of the workbook (c:numRef / c:strRef) and carry a
 * cached copy of those cells, so a reader that does not recalculate (a viewer, a previewer) shows the same chart.
 *
 * ECMA-376's schema fixes the order of every child element (CT_ChartSpace, CT_Chart, CT_PlotArea, CT_BarSer ...);
 * Excel refuses a part ("repair") whose elements are out of order, so the writers below follow that order and the
 * unit test checks it against the sequences written out in chart-xml.test.ts.
 */

/**
 * An absolute reference to cells of a sheet, as a chart formula: 'Sheet name'!$B$40:$F$40 (columns by their
 * letters; the sheet name always quoted, which is valid whether or not it needs it).
 */
export function rangeRef(sheet: string, from: { col: string; row: number }, to: { col: string; row: number } = from): string {
  const a = `$${from.col}$${from.row}`;
  const b = `$${to.col}$${to.row}`;
  return `'${sheet.replace(/'/g, "''")}'!${a === b ? a : `${a}:${b}`}`;
}

export interface ChartSeries {
  /** The cell holding the series' name, and its text. */
  name: { ref: string; text: string };
  /** The cells of the values (one per category) and what they hold now; null where a cell has no number. */
  values: { ref: string; cache: readonly (number | null)[] };
  /** RRGGBB. */
  colour: string;
}

export interface ChartSpec {
  kind: 'column' | 'line';
  /** The chart's title, in the workbook's language. */
  title: string;
  /** The category labels' cells and their text, one per category (the periods, oldest first). */
  categories: { ref: string; cache: readonly string[] };
  series: readonly ChartSeries[];
  /** Excel number format of the value axis ("#,##0,," shows NOK in millions, "0%" a fraction in per cent). */
  axisFormat: string;
  /** Number format of the cached values (what the cells show). */
  valueFormat: string;
  /** Categories drawn apart (a year to date beside full years): hatched columns, hollow markers. */
  marked?: readonly number[];
  /** BCP 47 language of the texts (nb-NO, en-GB). */
  lang: string;
}

function esc(s: string): string {
  return s.replace(/[<>&"]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;' })[c]!);
}

const val = (tag: string, v: string | number) => `<c:${tag} val="${v}"/>`;
const solid = (rgb: string) => `<a:solidFill><a:srgbClr val="${rgb}"/></a:solidFill>`;

// Text properties (a:bodyPr, a:lstStyle, a:p) of a chart element: the size in hundredths of a point.
function txPr(lang: string, size: number, bold = false): string {
  return `<c:txPr><a:bodyPr/><a:lstStyle/><a:p><a:pPr><a:defRPr sz="${size}" b="${bold ? 1 : 0}"/></a:pPr><a:endParaRPr lang="${lang}"/></a:p></c:txPr>`;
}

function title(text: string, lang: string): string {
  return (
    '<c:title><c:tx><c:rich><a:bodyPr/><a:lstStyle/>' +
    `<a:p><a:pPr><a:defRPr sz="1200" b="1"/></a:pPr><a:r><a:rPr lang="${lang}" sz="1200" b="1"/><a:t>${esc(text)}</a:t></a:r></a:p>` +
    `</c:rich></c:tx>${val('overlay', 0)}</c:title>`
  );
}

function strRef(ref: string, cache: readonly string[]): string {
  const pts = cache.map((s, i) => `<c:pt idx="${i}"><c:v>${esc(s)}</c:v></c:pt>`).join('');
  return `<c:strRef><c:f>${esc(ref)}</c:f><c:strCache>${val('ptCount', cache.length)}${pts}</c:strCache></c:strRef>`;
}

// A cell without a number has no point in the cache: the chart shows a gap there, as it does for the cell.
function numRef(ref: string, cache: readonly (number | null)[], format: string): string {
  const pts = cache
    .map((v, i) => (v === null || !Number.isFinite(v) ? '' : `<c:pt idx="${i}"><c:v>${v}</c:v></c:pt>`))
    .join('');
  return `<c:numRef><c:f>${esc(ref)}</c:f><c:numCache><c:formatCode>${esc(format)}</c:formatCode>${val('ptCount', cache.length)}${pts}</c:numCache></c:numRef>`;
}

// CT_BarSer: idx, order, tx, spPr, invertIfNegative, dPt*, cat, val.
function columnSeries(s: ChartSeries, i: number, spec: ChartSpec): string {
  const marked = (spec.marked ?? []).map(
    (idx) =>
      `<c:dPt>${val('idx', idx)}${val('invertIfNegative', 0)}${val('bubble3D', 0)}<c:spPr>` +
      `<a:pattFill prst="wdUpDiag"><a:fgClr><a:srgbClr val="${s.colour}"/></a:fgClr><a:bgClr><a:srgbClr val="FFFFFF"/></a:bgClr></a:pattFill>` +
      `<a:ln w="12700">${solid(s.colour)}</a:ln></c:spPr></c:dPt>`,
  );
  return (
    `<c:ser>${val('idx', i)}${val('order', i)}<c:tx>${strRef(s.name.ref, [s.name.text])}</c:tx>` +
    `<c:spPr>${solid(s.colour)}<a:ln><a:noFill/></a:ln></c:spPr>${val('invertIfNegative', 0)}${marked.join('')}` +
    `<c:cat>${strRef(spec.categories.ref, spec.categories.cache)}</c:cat><c:val>${numRef(s.values.ref, s.values.cache, spec.valueFormat)}</c:val></c:ser>`
  );
}

// CT_LineSer: idx, order, tx, spPr, marker, dPt*, cat, val, smooth.
function lineSeries(s: ChartSeries, i: number, spec: ChartSpec): string {
  const marker = (fill: string, size: number) =>
    `<c:marker>${val('symbol', 'circle')}${val('size', size)}<c:spPr>${solid(fill)}<a:ln w="19050">${solid(s.colour)}</a:ln></c:spPr></c:marker>`;
  const marked = (spec.marked ?? []).map((idx) => `<c:dPt>${val('idx', idx)}${marker('FFFFFF', 8)}${val('bubble3D', 0)}</c:dPt>`);
  return (
    `<c:ser>${val('idx', i)}${val('order', i)}<c:tx>${strRef(s.name.ref, [s.name.text])}</c:tx>` +
    `<c:spPr><a:ln w="28575" cap="rnd">${solid(s.colour)}<a:round/></a:ln></c:spPr>${marker(s.colour, 6)}${marked.join('')}` +
    `<c:cat>${strRef(spec.categories.ref, spec.categories.cache)}</c:cat><c:val>${numRef(s.values.ref, s.values.cache, spec.valueFormat)}</c:val>` +
    `${val('smooth', 0)}</c:ser>`
  );
}

const CAT_AX = 500100;
const VAL_AX = 500200;

// CT_CatAx and CT_ValAx, children in schema order.
function axes(spec: ChartSpec): string {
  const noLine = '<c:spPr><a:ln><a:noFill/></a:ln></c:spPr>';
  const axisLine = `<c:spPr><a:ln w="9525">${solid('A6A6A6')}</a:ln></c:spPr>`;
  const cat =
    `<c:catAx>${val('axId', CAT_AX)}<c:scaling>${val('orientation', 'minMax')}</c:scaling>${val('delete', 0)}${val('axPos', 'b')}` +
    `<c:numFmt formatCode="General" sourceLinked="1"/>${val('majorTickMark', 'none')}${val('minorTickMark', 'none')}` +
    // Low: the period labels stay under the plot when a value is negative (a loss year).
    `${val('tickLblPos', 'low')}${axisLine}${txPr(spec.lang, 900)}${val('crossAx', VAL_AX)}${val('crosses', 'autoZero')}` +
    `${val('auto', 1)}${val('lblAlgn', 'ctr')}${val('lblOffset', 100)}${val('noMultiLvlLbl', 0)}</c:catAx>`;
  const value =
    `<c:valAx>${val('axId', VAL_AX)}<c:scaling>${val('orientation', 'minMax')}</c:scaling>${val('delete', 0)}${val('axPos', 'l')}` +
    `<c:majorGridlines><c:spPr><a:ln w="6350">${solid('D9D9D9')}</a:ln></c:spPr></c:majorGridlines>` +
    `<c:numFmt formatCode="${esc(spec.axisFormat)}" sourceLinked="0"/>${val('majorTickMark', 'none')}${val('minorTickMark', 'none')}` +
    `${val('tickLblPos', 'nextTo')}${noLine}${txPr(spec.lang, 900)}${val('crossAx', CAT_AX)}${val('crosses', 'autoZero')}` +
    `${val('crossBetween', 'between')}</c:valAx>`;
  return cat + value;
}

/** The chart part for `spec`. Pure: the same spec gives the same bytes. */
export function chartXml(spec: ChartSpec): string {
  const series = spec.series.map((s, i) => (spec.kind === 'column' ? columnSeries(s, i, spec) : lineSeries(s, i, spec))).join('');
  // CT_BarChart: barDir, grouping, varyColors, ser*, gapWidth, overlap, axId x2. CT_LineChart: grouping, varyColors,
  // ser*, marker, axId x2.
  const plot =
    spec.kind === 'column'
      ? `<c:barChart>${val('barDir', 'col')}${val('grouping', 'clustered')}${val('varyColors', 0)}${series}${val('gapWidth', 80)}${val('overlap', -5)}${val('axId', CAT_AX)}${val('axId', VAL_AX)}</c:barChart>`
      : `<c:lineChart>${val('grouping', 'standard')}${val('varyColors', 0)}${series}${val('marker', 1)}${val('axId', CAT_AX)}${val('axId', VAL_AX)}</c:lineChart>`;
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
    '<c:chartSpace xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">' +
    `${val('date1904', 0)}${val('lang', spec.lang)}${val('roundedCorners', 0)}` +
    `<c:chart>${title(spec.title, spec.lang)}${val('autoTitleDeleted', 0)}` +
    `<c:plotArea><c:layout/>${plot}${axes(spec)}</c:plotArea>` +
    `<c:legend>${val('legendPos', 'b')}${val('overlay', 0)}${txPr(spec.lang, 900)}</c:legend>` +
    `${val('plotVisOnly', 1)}${val('dispBlanksAs', 'gap')}</c:chart>` +
    `<c:spPr>${solid('FFFFFF')}<a:ln w="9525">${solid('D9D9D9')}</a:ln></c:spPr>${txPr(spec.lang, 900)}` +
    '</c:chartSpace>'
  );
}
