import { inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { CHART_HEIGHT, CHART_WIDTH, niceTicks, renderBorrowerChart } from '../../../../../electron/services/export/chart';
import { crc32, Raster } from '../../../../../electron/services/export/png';

/** Splits a PNG into its chunks, checking each CRC. */
function chunks(png: Buffer): { type: string; data: Buffer }[] {
  expect(png.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
  const out: { type: string; data: Buffer }[] = [];
  for (let i = 8; i < png.length; ) {
    const len = png.readUInt32BE(i);
    const type = png.subarray(i + 4, i + 8).toString('ascii');
    const data = png.subarray(i + 8, i + 8 + len);
    expect(png.readUInt32BE(i + 8 + len)).toBe(crc32(png.subarray(i + 4, i + 8 + len)));
    out.push({ type, data });
    i += 12 + len;
  }
  return out;
}

describe('PNG encoder', () => {
  it('computes the standard CRC-32', () => {
    expect(crc32(Buffer.from('123456789'))).toBe(0xcbf43926);
  });

  it('writes an indexed PNG whose pixels decode back to what was drawn', () => {
    const r = new Raster(4, 3);
    r.fillRect(1, 1, 2, 1, [255, 0, 0]);
    const parts = chunks(r.toPng());
    expect(parts.map((p) => p.type)).toEqual(['IHDR', 'PLTE', 'IDAT', 'IEND']);
    const ihdr = parts[0]!.data;
    expect([ihdr.readUInt32BE(0), ihdr.readUInt32BE(4), ihdr[8], ihdr[9]]).toEqual([4, 3, 8, 3]);
    const palette = parts[1]!.data;
    const raw = inflateSync(parts[2]!.data);
    expect(raw.length).toBe((4 + 1) * 3);
    const pixel = (x: number, y: number) => {
      const idx = raw[y * 5 + 1 + x]!;
      return [...palette.subarray(idx * 3, idx * 3 + 3)];
    };
    expect(pixel(0, 0)).toEqual([255, 255, 255]);
    expect(pixel(1, 1)).toEqual([255, 0, 0]);
    expect(pixel(2, 1)).toEqual([255, 0, 0]);
    expect(pixel(3, 1)).toEqual([255, 255, 255]);
  });
});

describe('borrower chart', () => {
  const input = {
    amountsTitle: 'Resultat (MNOK)',
    ratiosTitle: 'Nøkkeltall (%)',
    barNames: ['Driftsinntekter', 'EBITDA', 'Resultat'],
    lineNames: ['Egenkapitalandel', 'EBITDA-margin'],
    periods: [
      { label: '2023', bars: [52e6, 8e6, -3e6], lines: [0.31, null] },
      { label: '2024 HIÅ', bars: [30e6, null, 1e6], lines: [0.28, 0.15] },
    ],
  };

  it('renders a PNG of the set size, the same bytes for the same input', () => {
    const a = renderBorrowerChart(input);
    const ihdr = chunks(a)[0]!.data;
    expect([ihdr.readUInt32BE(0), ihdr.readUInt32BE(4)]).toEqual([CHART_WIDTH, CHART_HEIGHT]);
    expect(renderBorrowerChart(input).equals(a)).toBe(true);
  });

  it('copes with no periods and all-null values', () => {
    expect(() => renderBorrowerChart({ ...input, periods: [] })).not.toThrow();
    expect(() => renderBorrowerChart({ ...input, periods: [{ label: '2024', bars: [null, null, null], lines: [null, null] }] })).not.toThrow();
  });

  it('picks round ticks that cover the range, zero included', () => {
    expect(niceTicks(-3, 52)).toEqual([-20, 0, 20, 40, 60]);
    expect(niceTicks(0, 0)).toEqual([0, 1]);
  });
});
