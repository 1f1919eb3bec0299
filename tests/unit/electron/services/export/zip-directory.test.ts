import { once } from 'node:events';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { oneCentralDirectoryWrite, storeSmallParts } from '../../../../../electron/services/export/pack-builder';

// exceljs's own archiver (a dependency of exceljs, without types of its own here).
interface Zip extends NodeJS.EventEmitter {
  append(source: string, data: { name: string; date: Date; store?: boolean }): void;
  finalize(): Promise<void>;
}
const archiver = createRequire(import.meta.url)('archiver') as (format: 'zip') => Zip;

const DATE = new Date(Date.UTC(2026, 0, 2, 3, 4, 6));

/** A zip of `parts` small parts, as archiver writes it, with or without one write for the central directory. */
async function zipOf(parts: number, joined: boolean): Promise<{ bytes: Buffer; chunks: number }> {
  const zip = archiver('zip');
  if (joined) oneCentralDirectoryWrite(zip);
  const chunks: Buffer[] = [];
  zip.on('data', (c: Buffer) => chunks.push(c));
  for (let i = 0; i < parts; i++) zip.append(`<part n="${i}"/>`, { name: `xl/charts/chart${i}.xml`, date: DATE });
  zip.append('<æøå/>', { name: 'xl/særnavn-ø.xml', date: DATE });
  const ended = once(zip, 'end');
  await zip.finalize();
  await ended;
  return { bytes: Buffer.concat(chunks), chunks: chunks.length };
}

describe('oneCentralDirectoryWrite', () => {
  it('writes the same zip, byte for byte, with the central directory in one chunk', async () => {
    const plain = await zipOf(300, false);
    const joined = await zipOf(300, true);
    expect(joined.bytes.equals(plain.bytes)).toBe(true);
    // compress-commons writes some twenty fields per part into the directory; joined, they are one chunk.
    expect(plain.chunks - joined.chunks).toBeGreaterThan(300 * 15);
    // The end of central directory record counts every part.
    const eocd = joined.bytes.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
    expect(joined.bytes.readUInt16LE(eocd + 10)).toBe(301);
  });

  it('refuses an archiver without the zip engine it expects, so an upgrade that moves it is noticed', () => {
    expect(() => oneCentralDirectoryWrite({})).toThrow(/no zip engine/);
    expect(() => oneCentralDirectoryWrite({ _module: { engine: { offset: 0 } } })).toThrow(/no zip engine/);
  });
});

/** Each part's name and compression method (0 stored, 8 deflated), from a zip's central directory. */
function methods(zip: Buffer): Map<string, number> {
  const eocd = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  let at = zip.readUInt32LE(eocd + 16);
  const out = new Map<string, number>();
  for (let i = zip.readUInt16LE(eocd + 10); i > 0; i--) {
    expect(zip.readUInt32LE(at)).toBe(0x02014b50);
    const nameLength = zip.readUInt16LE(at + 28);
    out.set(zip.toString('utf8', at + 46, at + 46 + nameLength), zip.readUInt16LE(at + 10));
    at += 46 + nameLength + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
  }
  return out;
}

describe('storeSmallParts', () => {
  it('stores the relationships parts and the chart drawings, and compresses the rest', async () => {
    const zip = archiver('zip');
    storeSmallParts(zip);
    const chunks: Buffer[] = [];
    zip.on('data', (c: Buffer) => chunks.push(c));
    const names = ['xl/worksheets/_rels/sheet1.xml.rels', '/xl/_rels/workbook.xml.rels', '_rels/.rels', 'xl/drawings/_rels/drawing1.xml.rels', 'xl/drawings/drawing1.xml', 'xl/worksheets/sheet1.xml', 'xl/charts/chart1.xml', 'xl/drawings/drawing1.xml.bak'];
    for (const name of names) zip.append(`<x>${'a'.repeat(500)}</x>`, { name, date: DATE });
    const ended = once(zip, 'end');
    await zip.finalize();
    await ended;
    expect(Object.fromEntries(methods(Buffer.concat(chunks)))).toEqual({
      'xl/worksheets/_rels/sheet1.xml.rels': 0,
      'xl/_rels/workbook.xml.rels': 0,
      '_rels/.rels': 0,
      'xl/drawings/_rels/drawing1.xml.rels': 0,
      'xl/drawings/drawing1.xml': 0,
      'xl/worksheets/sheet1.xml': 8,
      'xl/charts/chart1.xml': 8,
      'xl/drawings/drawing1.xml.bak': 8,
    });
  });
});
