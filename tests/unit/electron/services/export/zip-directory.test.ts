import { once } from 'node:events';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { oneCentralDirectoryWrite } from '../../../../../electron/services/export/pack-builder';

// exceljs's own archiver (a dependency of exceljs, without types of its own here).
interface Zip extends NodeJS.EventEmitter {
  append(source: string, data: { name: string; date: Date }): void;
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
