import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { dto } from '../../../shared/contract';
import { makeApp, type TestApp } from '../../unit/electron/services/connections/helpers';

/**
 * Exports as the desktop runs them: the save dialog chooses the file (or is closed), "show in folder" reveals it.
 * A plain table needs no synced cache, so these run without the sandbox.
 */
const CTX = { host: 'test' as const };
const TABLE: dto.TableExportInput = {
  fileName: 'Portefølje',
  title: 'Portefølje',
  columns: [{ key: 'name', label: 'Låntaker', type: 'text' }],
  rows: [['Bryggen Bakeri AS'], ['Aurora Glass AS']],
};

let app: TestApp | null = null;
afterEach(async () => {
  await app?.close();
  app = null;
});

async function desktopApp(choose: (suggested: string) => string | null) {
  const asked: string[] = [];
  const revealed: string[] = [];
  app = await makeApp({
    overrides: {
      exportDesktop: {
        chooseExportPath: async (suggested) => {
          asked.push(suggested);
          return choose(suggested);
        },
        revealFile: (file) => {
          revealed.push(file);
          return true;
        },
      },
    },
  });
  return { app, asked, revealed };
}

const exportEvents = (a: TestApp, exportId: string) =>
  a.events.filter((e) => (e.payload as { exportId?: string }).exportId === exportId).map((e) => `${e.event}:${(e.payload as { phase?: string; outcome?: string }).phase ?? (e.payload as { outcome: string }).outcome}`);

describe('exports on the desktop', () => {
  it('writes where the save dialog says, and shows that file in its folder', async () => {
    // The analyst picks a folder of their own in the dialog.
    const { app: a, asked, revealed } = await desktopApp((suggested) => path.join(app!.dir, 'chosen', suggested));
    fs.mkdirSync(path.join(a.dir, 'chosen'));
    const { exportId } = await a.services.handlers['export:table'](TABLE, CTX);
    const r = await a.services.exports.wait(exportId);
    expect(asked).toEqual(['Portefølje.xlsx']);
    expect(r).toMatchObject({ outcome: 'ok', path: path.join(a.dir, 'chosen', 'Portefølje.xlsx'), downloadUrl: null, error: null });
    expect(fs.existsSync(r.path!)).toBe(true);
    // The table's start and end (both milestones, so neither is held back), the file's end, then the result.
    expect(exportEvents(a, exportId)).toEqual([
      'export:progress:borrowers',
      'export:progress:borrowers',
      'export:progress:finishing',
      'export:progress:done',
      'export:finished:ok',
    ]);
    expect(await a.services.handlers['export:showInFolder']({ exportId }, CTX)).toEqual({ shown: true });
    expect(revealed).toEqual([r.path]);
  });

  it('a closed save dialog is a cancelled export: nothing written, no progress, one finished event', async () => {
    const { app: a, revealed } = await desktopApp(() => null);
    const { exportId } = await a.services.handlers['export:table'](TABLE, CTX);
    expect(await a.services.exports.wait(exportId)).toMatchObject({ outcome: 'cancelled', path: null, error: null });
    expect(exportEvents(a, exportId)).toEqual(['export:finished:cancelled']);
    expect(fs.existsSync(path.join(a.dir, 'exports'))).toBe(false);
    expect(await a.services.handlers['export:result']({ exportId }, CTX)).toMatchObject({ outcome: 'cancelled' });
    expect(await a.services.handlers['export:showInFolder']({ exportId }, CTX)).toEqual({ shown: false });
    expect(await a.services.handlers['export:cancel']({ exportId }, CTX)).toEqual({ cancelled: false });
    expect(revealed).toEqual([]);
  });

  it('an unknown export is not_found for show-in-folder and wait, and nothing for result and cancel', async () => {
    const { app: a } = await desktopApp(() => null);
    await expect(a.services.handlers['export:showInFolder']({ exportId: 'xnope' }, CTX)).rejects.toMatchObject({ code: 'not_found', details: { reason: 'export_not_found' } });
    await expect(a.services.exports.wait('xnope')).rejects.toMatchObject({ code: 'not_found', details: { reason: 'export_not_found' } });
    expect(await a.services.handlers['export:result']({ exportId: 'xnope' }, CTX)).toBeNull();
    expect(await a.services.handlers['export:cancel']({ exportId: 'xnope' }, CTX)).toEqual({ cancelled: false });
  });
});
