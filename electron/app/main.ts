/**
 * App lifecycle only: single-instance lock, the data folder, the services, the bridge and the window.
 * Everything else lives in plain Node modules (services/, ipc/dispatch.ts) that run without Electron.
 */
import { app, BrowserWindow, net } from 'electron';
import path from 'node:path';
import { createElectronEmit, registerBridge } from './bridge';
import { createAppServices, type AppServices } from '../core/container';
import { createAppContext } from '../core/context';
import { KeytarCredentialStore } from '../services/credentials/keytar-store';
import { desktopDataOverride, restrictUmask } from '../services/data-dir';
import { createFileLogger } from '../services/log';
import { allowedOrigins, createMainWindow, desktopExportHooks, lockDownContents, lockDownSession, registerAppScheme, serveRenderer } from './window';
import createPackWorker from '../services/export/pack-worker?nodeWorker';
import createWriterWorker from '../services/sync/cache-writer-worker?nodeWorker';

// Every renderer sandboxed, whatever a later window's options say.
app.enableSandbox();
registerAppScheme();
lockDownContents();

// Everything the app and Chromium write in userData private to the user (0700/0600).
restrictUmask();
// The same override as the browser host and the CLI, so tests can point at a throwaway folder; never when packaged.
const dataOverride = desktopDataOverride(process.env, app.isPackaged);
if (dataOverride) app.setPath('userData', dataOverride);

if (!app.requestSingleInstanceLock()) {
  // A second instance would open the same caches; the first one takes focus instead.
  app.quit();
} else {
  let services: AppServices | null = null;
  let win: BrowserWindow | null = null;

  app.on('second-instance', () => {
    if (win) {
      if (win.isMinimized()) win.restore();
      win.focus();
    }
  });

  app.whenReady().then(async () => {
    const dataDir = app.getPath('userData');
    const log = createFileLogger(dataDir);
    lockDownSession();
    serveRenderer(path.join(__dirname, '../renderer'));
    const ctx = createAppContext({
      appVersion: app.getVersion(),
      dataDir,
      host: 'electron',
      fetch: net.fetch as unknown as typeof fetch,
      credentials: new KeytarCredentialStore(),
      emit: createElectronEmit(() => BrowserWindow.getAllWindows().map((w) => w.webContents)),
      log,
      // The bundled cache-writer worker (electron-vite builds it as its own chunk beside main.cjs).
      startWriterWorker: createWriterWorker,
      // The bundled pack worker: a pack is built in a thread and heap of its own (export/pack-runner.ts).
      startPackWorker: createPackWorker,
    });
    services = await createAppServices(ctx, { exportDesktop: desktopExportHooks() });
    registerBridge(services.handlers, {
      allowedOrigins: allowedOrigins(),
      isAppWindow: (contents) => BrowserWindow.fromWebContents(contents) !== null,
      validateOutput: !app.isPackaged,
      onRefused: (channel, reason) => log.warn('ipc refused', { channel, reason }),
      onInternalError: (channel, error) => log.error('handler failed', { channel, error }),
    });
    win = createMainWindow(path.join(__dirname, '../preload/preload.cjs'));
    app.on('activate', () => {
      if (BrowserWindow.getAllWindows().length === 0) win = createMainWindow(path.join(__dirname, '../preload/preload.cjs'));
    });
  });

  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('will-quit', () => {
    void services?.close();
  });
}
