import { describe, expect, it } from 'vitest';
import { chartXml, rangeRef, type ChartSpec } from '../../../../../../electron/services/export/charts/chart-xml';
import { all, attr, kid, kids, NS, parseXml, type XmlElement } from '../xlsx-parts';

/**
 * The child sequences of ECMA-376 Part 1's DrawingML chart schema (dml-chart.xsd), for the elements the pack
 * writes. Excel "repairs" (drops) a chart whose children are out of this order or unknown to it; a group of
 * alternatives (the chart types of a plot area, its axes) shares one position.
 */
const SEQUENCES: Record<string, string[][]> = {
  chartSpace: [['date1904'], ['lang'], ['roundedCorners'], ['style'], ['clrMapOvr'], ['pivotSource'], ['protection'], ['chart'], ['spPr'], ['txPr'], ['externalData'], ['printSettings'], ['userShapes'], ['extLst']],
  chart: [['title'], ['autoTitleDeleted'], ['pivotFmts'], ['view3D'], ['floor'], ['sideWall'], ['backWall'], ['plotArea'], ['legend'], ['plotVisOnly'], ['dispBlanksAs'], ['showDLblsOverMax'], ['extLst']],
  title: [['tx'], ['layout'], ['overlay'], ['spPr'], ['txPr'], ['extLst']],
  plotArea: [['layout'], ['barChart', 'lineChart', 'areaChart', 'pieChart', 'scatterChart'], ['catAx', 'valAx', 'dateAx', 'serAx'], ['dTable'], ['spPr'], ['extLst']],
  barChart: [['barDir'], ['grouping'], ['varyColors'], ['ser'], ['dLbls'], ['gapWidth'], ['overlap'], ['serLines'], ['axId'], ['extLst']],
  lineChart: [['grouping'], ['varyColors'], ['ser'], ['dLbls'], ['dropLines'], ['hiLowLines'], ['upDownBars'], ['marker'], ['smooth'], ['axId'], ['extLst']],
  catAx: [['axId'], ['scaling'], ['delete'], ['axPos'], ['majorGridlines'], ['minorGridlines'], ['title'], ['numFmt'], ['majorTickMark'], ['minorTickMark'], ['tickLblPos'], ['spPr'], ['txPr'], ['crossAx'], ['crosses', 'crossesAt'], ['auto'], ['lblAlgn'], ['lblOffset'], ['tickLblSkip'], ['tickMarkSkip'], ['noMultiLvlLbl'], ['extLst']],
  valAx: [['axId'], ['scaling'], ['delete'], ['axPos'], ['majorGridlines'], ['minorGridlines'], ['title'], ['numFmt'], ['majorTickMark'], ['minorTickMark'], ['tickLblPos'], ['spPr'], ['txPr'], ['crossAx'], ['crosses', 'crossesAt'], ['crossBetween'], ['majorUnit'], ['minorUnit'], ['dispUnits'], ['extLst']],
  scaling: [['logBase'], ['orientation'], ['max'], ['min'], ['extLst']],
  legend: [['legendPos'], ['legendEntry'], ['layout'], ['overlay'], ['spPr'], ['txPr'], ['extLst']],
  dPt: [['idx'], ['invertIfNegative'], ['marker'], ['bubble3D'], ['explosion'], ['spPr'], ['pictureOptions'], ['extLst']],
  marker: [['symbol'], ['size'], ['spPr'], ['extLst']],
  strRef: [['f'], ['strCache'], ['extLst']],
  numRef: [['f'], ['numCache'], ['extLst']],
  strCache: [['ptCount'], ['pt'], ['extLst']],
  numCache: [['formatCode'], ['ptCount'], ['pt'], ['extLst']],
  majorGridlines: [['spPr']],
  extLst: [['ext']],
};
const BAR_SER = [['idx'], ['order'], ['tx'], ['spPr'], ['invertIfNegative'], ['pictureOptions'], ['dPt'], ['dLbls'], ['trendline'], ['errBars'], ['cat'], ['val'], ['shape'], ['extLst']];
const LINE_SER = [['idx'], ['order'], ['tx'], ['spPr'], ['marker'], ['dPt'], ['dLbls'], ['trendline'], ['errBars'], ['cat'], ['val'], ['smooth'], ['extLst']];
// Elements whose children come in a DrawingML (a:) sequence of their own, or are leaves; not checked here.
const UNCHECKED = new Set(['spPr', 'txPr', 'tx', 'rich', 'cat', 'val', 'layout', 'pt', 'ext']);

/** Every c: element's c: children in schema order; returns the places where they are not. */
function orderProblems(el: XmlElement, parent = ''): string[] {
  const problems: string[] = [];
  if (el.ns === NS.c && !UNCHECKED.has(el.name)) {
    const seq = el.name === 'ser' ? (parent === 'barChart' ? BAR_SER : LINE_SER) : el.name === 'marker' && parent !== 'ser' && parent !== 'dPt' ? null : SEQUENCES[el.name];
    const children = kids(el, NS.c);
    if (seq) {
      let at = 0;
      for (const c of children) {
        const pos = seq.findIndex((group) => group.includes(c.name));
        if (pos < 0) problems.push(`${el.name} > ${c.name}: not in the schema`);
        else if (pos < at) problems.push(`${el.name} > ${c.name}: out of order`);
        else at = pos;
      }
    } else if (children.length > 0) problems.push(`${el.name}: children not checked`);
  }
  for (const c of el.children) problems.push(...orderProblems(c, el.name));
  return problems;
}

const SPEC: ChartSpec = {
  kind: 'column',
  title: 'Driftsinntekter, EBITDA & resultat <MNOK>',
  categories: { ref: rangeRef("O'Brien & Sønn AS", { col: 'B', row: 40 }, { col: 'D', row: 40 }), cache: ['2023', '2024', '01.01–14.08.2025 (HiÅ)'] },
  series: [
    { name: { ref: rangeRef("O'Brien & Sønn AS", { col: 'A', row: 41 }), text: 'Driftsinntekter' }, values: { ref: rangeRef("O'Brien & Sønn AS", { col: 'B', row: 41 }, { col: 'D', row: 41 }), cache: [1.5e7, 2e7, 9e6] }, colour: '1F4E79' },
    { name: { ref: rangeRef("O'Brien & Sønn AS", { col: 'A', row: 42 }), text: 'EBITDA' }, values: { ref: rangeRef("O'Brien & Sønn AS", { col: 'B', row: 42 }, { col: 'D', row: 42 }), cache: [null, -2.5e5, 1e6] }, colour: '70AD47' },
  ],
  axisFormat: '#,##0,,',
  valueFormat: '#,##0;(#,##0)',
  marked: [2],
  lang: 'nb-NO',
};

describe('chart parts', () => {
  it('quote the sheet in a reference, apostrophes doubled, absolute cells', () => {
    expect(rangeRef("O'Brien AS 123456785", { col: 'B', row: 5 }, { col: 'G', row: 5 })).toBe("'O''Brien AS 123456785'!$B$5:$G$5");
    expect(rangeRef('Oversikt', { col: 'A', row: 7 })).toBe("'Oversikt'!$A$7");
  });

  it.each(['column', 'line'] as const)('write a %s chart whose elements follow the schema’s order', (kind) => {
    const root = parseXml(chartXml({ ...SPEC, kind }));
    expect(root.ns).toBe(NS.c);
    expect(root.name).toBe('chartSpace');
    expect(orderProblems(root)).toEqual([]);
    // The check itself notices a misplaced element.
    const swapped = chartXml({ ...SPEC, kind }).replace(/(<c:legend>.*<\/c:legend>)/, '').replace('<c:plotArea>', (m) => `<c:legend><c:legendPos val="b"/></c:legend>${m}`);
    expect(orderProblems(parseXml(swapped))).toEqual(['chart > plotArea: out of order']);
    const plot = all(root, NS.c, 'plotArea')[0]!;
    expect(kids(plot, NS.c).map((e) => e.name)).toEqual(['layout', kind === 'column' ? 'barChart' : 'lineChart', 'catAx', 'valAx']);
    // The two axes cross each other by the ids the chart names.
    const ids = kids(kid(plot, NS.c, kind === 'column' ? 'barChart' : 'lineChart')!, NS.c, 'axId').map((a) => attr(a, 'val'));
    expect(ids).toHaveLength(2);
    expect(attr(kid(kid(plot, NS.c, 'catAx')!, NS.c, 'crossAx')!, 'val')).toBe(ids[1]);
    expect(attr(kid(kid(plot, NS.c, 'valAx')!, NS.c, 'crossAx')!, 'val')).toBe(ids[0]);
  });

  it('bind every series to its cells with a cache of what they hold, a missing figure as a missing point', () => {
    const root = parseXml(chartXml(SPEC));
    const sers = all(root, NS.c, 'ser');
    expect(sers).toHaveLength(2);
    const f = (el: XmlElement | undefined) => kid(el!, NS.c, 'f')!.text;
    const [first, second] = sers as [XmlElement, XmlElement];
    expect(f(all(kid(first, NS.c, 'tx')!, NS.c, 'strRef')[0])).toBe("'O''Brien & Sønn AS'!$A$41");
    expect(f(all(kid(first, NS.c, 'cat')!, NS.c, 'strRef')[0])).toBe("'O''Brien & Sønn AS'!$B$40:$D$40");
    const val = all(kid(second, NS.c, 'val')!, NS.c, 'numRef')[0]!;
    expect(f(val)).toBe("'O''Brien & Sønn AS'!$B$42:$D$42");
    expect(attr(all(val, NS.c, 'ptCount')[0]!, 'val')).toBe('3');
    expect(all(val, NS.c, 'pt').map((p) => [attr(p, 'idx'), kid(p, NS.c, 'v')!.text])).toEqual([
      ['1', '-250000'],
      ['2', '1000000'],
    ]);
    const cats = all(all(kid(first, NS.c, 'cat')!, NS.c, 'strCache')[0]!, NS.c, 'v').map((v) => v.text);
    expect(cats).toEqual(['2023', '2024', '01.01–14.08.2025 (HiÅ)']);
    // Escaped text comes back as written.
    expect(all(kid(all(root, NS.c, 'chart')[0]!, NS.c, 'title')!, NS.a, 't')[0]!.text).toBe('Driftsinntekter, EBITDA & resultat <MNOK>');
    expect(attr(kid(root, NS.c, 'lang')!, 'val')).toBe('nb-NO');
  });

  it('draw a marked category (a year to date) hatched in a column chart and hollow on a line', () => {
    const col = parseXml(chartXml(SPEC));
    for (const s of all(col, NS.c, 'ser')) {
      const dpts = kids(s, NS.c, 'dPt');
      expect(dpts.map((d) => attr(kid(d, NS.c, 'idx')!, 'val'))).toEqual(['2']);
      expect(all(dpts[0]!, NS.a, 'pattFill')).toHaveLength(1);
    }
    const line = parseXml(chartXml({ ...SPEC, kind: 'line' }));
    for (const s of all(line, NS.c, 'ser')) {
      const dpt = kid(s, NS.c, 'dPt')!;
      const fill = all(kid(kid(dpt, NS.c, 'marker')!, NS.c, 'spPr')!, NS.a, 'srgbClr')[0]!;
      expect(attr(fill, 'val')).toBe('FFFFFF');
    }
    expect(all(parseXml(chartXml({ ...SPEC, marked: [] })), NS.c, 'dPt')).toHaveLength(0);
  });

  it('leave a gap for an empty cell, never a zero', () => {
    const chart = all(parseXml(chartXml(SPEC)), NS.c, 'chart')[0]!;
    expect(attr(kid(chart, NS.c, 'dispBlanksAs')!, 'val')).toBe('gap');
  });
});
