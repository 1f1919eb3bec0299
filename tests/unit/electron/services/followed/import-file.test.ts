import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../../../../shared/contract';
import { MAX_IMPORT_BYTES, parseImportFile } from '../../../../../electron/services/followed/import-file';

async function workbook(build: (wb: ExcelJS.Workbook) => void): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  build(wb);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** The refusal, which must be invalid_input with the given reason. */
async function refusal(p: Promise<unknown>, reason: string): Promise<AppError> {
  const e = await p.then(
    () => null,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(AppError);
  expect((e as AppError).code).toBe('invalid_input');
  expect((e as AppError).details?.['reason']).toBe(reason);
  return e as AppError;
}

/** The same zip with every part's unpacked size in its central directory set to `bytes` (a forged, lying zip). */
function declaringSizes(zip: Buffer, bytes: number): Buffer {
  const out = Buffer.from(zip);
  let eocd = out.length - 22;
  while (out.readUInt32LE(eocd) !== 0x06054b50) eocd--;
  let at = out.readUInt32LE(eocd + 16);
  for (let n = out.readUInt16LE(eocd + 10); n > 0; n--) {
    out.writeUInt32LE(bytes, at + 24);
    at += 46 + out.readUInt16LE(at + 28) + out.readUInt16LE(at + 30) + out.readUInt16LE(at + 32);
  }
  return out;
}

describe('parseImportFile: Excel', () => {
  it('refuses a zip bomb by the sizes its zip declares, and by what its parts unpack to when the zip lies', async () => {
    const big = await workbook((wb) => {
      const ws = wb.addWorksheet('A');
      ws.addRow(['Org.nr']);
      for (let i = 0; i < 2000; i++) ws.addRow([`9236${String(i).padStart(5, '0')}`]);
    });
    // Read as it is with room to spare; refused against a lower limit, by its honest declared sizes.
    expect((await parseImportFile('liste.xlsx', big, { maxUnpackedBytes: 10_000_000 })).lines).toHaveLength(2000);
    expect((await refusal(parseImportFile('liste.xlsx', big, { maxUnpackedBytes: 20_000 }), 'workbook_too_large')).message).toMatch(/too large/);
    // Declaring one byte a part gets past the declared check; inflating the parts (and counting) does not.
    const lying = declaringSizes(big, 1);
    expect((await refusal(parseImportFile('liste.xlsx', lying, { maxUnpackedBytes: 20_000 }), 'workbook_too_large')).message).toMatch(/too large/);
  });

  it('reads the column headed like "Org.nr" on the first sheet, numbers and spaced text alike', async () => {
    const xlsx = await workbook((wb) => {
      const ws = wb.addWorksheet('Kunder');
      ws.addRow(['Navn', 'Org.nr', 'Rådgiver']);
      ws.addRow(['Bryggen Bakeri AS', 923609016, 'Kari']);
      ws.addRow(['Aurora Glass AS', '987 654 325', 'Ola']);
      ws.addRow([]);
      ws.addRow(['Feil AS', '12345', 'Per']);
      wb.addWorksheet('Notater').addRow(['111111111']);
    });
    expect(await parseImportFile('liste.xlsx', xlsx)).toEqual({
      lines: ['923609016', '987 654 325', '12345'],
      sheet: 'Kunder',
      column: 'Org.nr',
    });
  });

  it('without a known header, takes the column holding the most org-number-like values', async () => {
    const xlsx = await workbook((wb) => {
      const ws = wb.addWorksheet('Ark1');
      ws.addRow(['Kunde', 'Nummer', 'Telefon']);
      ws.addRow(['A', '923609016', '22334455']);
      ws.addRow(['B', '987654325', '123456789']);
      ws.addRow(['C', '923 609 016', '']);
    });
    expect(await parseImportFile('x.XLSX', xlsx)).toEqual({ lines: ['923609016', '987654325', '923 609 016'], sheet: 'Ark1', column: 'Nummer' });
  });

  it('refuses a damaged workbook, a file that is no workbook and a sheet without org numbers', async () => {
    const good = await workbook((wb) => wb.addWorksheet('A').addRow(['923609016']));
    const truncated = good.subarray(0, Math.floor(good.length / 2));
    expect((await refusal(parseImportFile('liste.xlsx', truncated), 'not_a_workbook')).message).toMatch(/Excel workbook/);
    const corrupted = Buffer.from(good);
    corrupted.fill(0x41, 200, good.length - 200);
    expect((await refusal(parseImportFile('liste.xlsx', corrupted), 'not_a_workbook')).message).toMatch(/Excel workbook/);
    expect((await refusal(parseImportFile('liste.xlsx', Buffer.from('923609016\n')), 'not_a_workbook')).message).toMatch(/Excel workbook/);
    const noNumbers = await workbook((wb) => wb.addWorksheet('A').addRow(['Navn', 'By']));
    expect((await refusal(parseImportFile('liste.xlsx', noNumbers), 'no_orgnr_column')).message).toMatch(/No column/);
  });
});

describe('parseImportFile: CSV and text', () => {
  it('splits by lines and the separator used (; here), and finds the org number column by its header', async () => {
    const csv = Buffer.from('\uFEFFnavn;organisasjonsnummer;by\r\n"Bryggen Bakeri AS";"923 609 016";Bergen\r\nAurora;987654325;Oslo\r\n');
    expect(await parseImportFile('liste.csv', csv)).toEqual({ lines: ['923 609 016', '987654325'], sheet: null, column: 'organisasjonsnummer' });
  });

  it('reads a plain list, one number a line, in Windows-1252 too', async () => {
    const txt = Buffer.concat([Buffer.from('Bankens liste '), Buffer.from([0xe6, 0xf8, 0xe5]), Buffer.from('\n923609016\n\n987654325\n')]);
    expect(await parseImportFile('liste.txt', txt)).toEqual({ lines: ['923609016', '987654325'], sheet: null, column: null });
  });

  it('keeps the lines that are not valid numbers, for the check to show with their reason', async () => {
    expect((await parseImportFile('l.csv', Buffer.from('923609016,x\n923609017,y\nabc,z\n'))).lines).toEqual(['923609016', '923609017', 'abc']);
  });
});

describe('parseImportFile: what is refused', () => {
  it('refuses other file types, empty and oversized files, and binary data posing as text, with a clear message', async () => {
    expect((await refusal(parseImportFile('liste.xls', Buffer.from('x')), 'old_excel_file')).message).toMatch(/\.xls/);
    expect((await refusal(parseImportFile('liste.pdf', Buffer.from('x')), 'wrong_file_type')).message).toMatch(/xlsx/);
    expect((await refusal(parseImportFile('liste.csv', Buffer.alloc(0)), 'file_empty')).message).toMatch(/empty/);
    expect((await refusal(parseImportFile('liste.csv', Buffer.alloc(MAX_IMPORT_BYTES + 1, 0x31)), 'file_too_large')).message).toMatch(/larger/);
    expect((await refusal(parseImportFile('liste.csv', Buffer.from([0x39, 0, 0x31])), 'binary_file')).message).toMatch(/binary/);
    expect((await refusal(parseImportFile('liste.csv', Buffer.from('\n ; \n')), 'file_empty')).message).toMatch(/empty/);
  });

  it('refuses more lines than can be followed at once', async () => {
    const many = Array.from({ length: 20_001 }, () => '923609016').join('\n');
    const e = await refusal(parseImportFile('liste.txt', Buffer.from(many)), 'too_many_lines');
    expect(e.message).toMatch(/at most 20000/);
    expect(e.details).toMatchObject({ lines: 20_001, max: 20_000 });
  });
});
