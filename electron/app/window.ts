/**
 * The app window and everything that locks it down: context isolation, sandbox, no node integration, the app://
 * protocol with a CSP header, navigation locked to the app, window.open denied, external links only for an
 * allow-list, permission requests denied. See docs/security.md.
 */
import { BrowserWindow, app, dialog, net, protocol, session, shell } from 'electron';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { originOf } from '../../shared/origin';
import { APP_HOST, APP_ORIGIN, APP_SCHEME, contentSecurityPolicy, isAllowedExternalUrl } from '../core/security';

/** Must run before app 'ready'. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
  ]);
}

/** The file under `root` an app:// URL names, or null for another host, a malformed path or anything outside root. */
export function resolveAppFile(root: string, requestUrl: string): string | null {
  let rel: string;
  try {
    const url = new URL(requestUrl);
    if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST) return null;
    rel = decodeURIComponent(url.pathname === '/' ? '/index.html' : url.pathname);
  } catch {
    return null;
  }
  const file = path.resolve(root, '.' + rel);
  return file.startsWith(root + path.sep) ? file : null;
}

/**
 * Serves out/renderer under app://desk with the CSP as a header; nothing outside that folder is reachable.
 * The header is the only CSP the app needs (the browser host sends the same one); Electronegativity only recognises
 * CSPs set through webRequest or a meta tag, hence the suppression below.
 */
/* eng-disable CSP_GLOBAL_CHECK -- the CSP is set as a response header here (contentSecurityPolicy() in security.ts), tested in tests/unit/electron/app/window.test.ts */
export function serveRenderer(rendererDir: string): void {
  const root = path.resolve(rendererDir);
  protocol.handle(APP_SCHEME, async (request) => {
    const file = resolveAppFile(root, request.url);
    if (file === null) return new Response('Not found', { status: 404 });
    const res = await net.fetch(pathToFileURL(file).toString());
    const headers = new Headers(res.headers);
    headers.set('Content-Security-Policy', contentSecurityPolicy());
    headers.set('X-Content-Type-Options', 'nosniff');
    return new Response(res.body, { status: res.status, headers });
  });
}

export function lockDownSession(): void {
  const ses = session.defaultSession;
  ses.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  ses.setPermissionCheckHandler(() => false);
  ses.setDevicePermissionHandler(() => false);
}

export function lockDownContents(): void {
  app.on('web-contents-created', (_event, contents) => {
    contents.on('will-attach-webview', (e) => e.preventDefault());
    contents.on('will-navigate', (e, url) => {
      if (!url.startsWith(APP_ORIGIN + '/') && !isDevServer(url)) e.preventDefault();
    });
    contents.on('will-redirect', (e, url) => {
      if (!url.startsWith(APP_ORIGIN + '/') && !isDevServer(url)) e.preventDefault();
    });
    // will-navigate covers only the main frame; an iframe (the app has none, but a page could try to add one) or a
    // frame's own navigation comes here, with the same rule.
    contents.on('will-frame-navigate', (e) => {
      if (!e.url.startsWith(APP_ORIGIN + '/') && !isDevServer(e.url)) e.preventDefault();
    });
    contents.setWindowOpenHandler(({ url }) => {
      // Only https links to the allow-list reach the system browser (see the suppression's reason).
      if (isAllowedExternalUrl(url)) void shell.openExternal(url); // eng-disable OPEN_EXTERNAL_JS_CHECK -- https only, hosts in EXTERNAL_LINK_HOSTS (isAllowedExternalUrl), tests/unit/electron/app/window.test.ts
      return { action: 'deny' };
    });
  });
}

function isDevServer(url: string): boolean {
  const dev = process.env['ELECTRON_RENDERER_URL'];
  // Compare origins, not prefixes: "http://localhost:5173.evil.example" starts with "http://localhost:5173".
  const devOrigin = dev === undefined ? null : originOf(dev);
  return !app.isPackaged && devOrigin !== null && originOf(url) === devOrigin;
}

/** The origins IPC calls may come from. */
export function allowedOrigins(): string[] {
  const dev = process.env['ELECTRON_RENDERER_URL'];
  const devOrigin = !app.isPackaged && dev ? originOf(dev) : null;
  return devOrigin ? [APP_ORIGIN, devOrigin] : [APP_ORIGIN];
}

export function createMainWindow(preloadPath: string): BrowserWindow {
  const win = new BrowserWindow({
    width: 1400,
    height: 900,
    minWidth: 960,
    minHeight: 600,
    show: false,
    title: 'Symetrisk Desk',
    backgroundColor: '#1b1f24',
    webPreferences: {
      preload: preloadPath, // eng-disable PRELOAD_JS_CHECK -- the preload exposes only the contract's named methods (electron/app/preload.ts), never ipcRenderer
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      // Middle-click would otherwise try to open a new window; window.open is denied anyway.
      disableBlinkFeatures: 'Auxclick',
      experimentalFeatures: false,
      navigateOnDragDrop: false,
      safeDialogs: true,
      spellcheck: false,
      devTools: !app.isPackaged,
    },
  });
  win.once('ready-to-show', () => win.show());
  const dev = process.env['ELECTRON_RENDERER_URL'];
  if (!app.isPackaged && dev) void win.loadURL(dev);
  else void win.loadURL(`${APP_ORIGIN}/index.html`);
  return win;
}

/**
 * The desktop's export hooks: a native save dialog (the renderer never names a path), "show in folder", and the
 * print view printed to a PDF (Chromium's own PDF of the page as its print CSS lays it out, A4).
 */
export function desktopExportHooks(): {
  chooseExportPath: (suggestedName: string) => Promise<string | null>;
  revealFile: (file: string) => boolean;
  printWindowToPdf: (suggestedName: string) => Promise<{ path: string; bytes: number } | null>;
} {
  return {
    printWindowToPdf: async (suggestedName) => {
      const win = BrowserWindow.getFocusedWindow() ?? BrowserWindow.getAllWindows()[0];
      if (!win) return null;
      // The page as printed, before the dialog asks where: what the analyst sees is what is saved.
      const pdf = await win.webContents.printToPDF({ pageSize: 'A4', printBackground: true, preferCSSPageSize: true });
      const r = await dialog.showSaveDialog(win, {
        title: 'Save the committee summary as PDF',
        defaultPath: path.join(app.getPath('documents'), suggestedName),
        filters: [{ name: 'PDF', extensions: ['pdf'] }],
        properties: ['createDirectory', 'showOverwriteConfirmation'],
      });
      if (r.canceled || !r.filePath) return null;
      const target = r.filePath.toLowerCase().endsWith('.pdf') ? r.filePath : `${r.filePath}.pdf`;
      // The summary holds a borrower's accounts: private to the user, like the pack.
      await fs.promises.writeFile(target, pdf, { mode: 0o600 });
      return { path: target, bytes: pdf.length };
    },
    chooseExportPath: async (suggestedName) => {
      const parent = BrowserWindow.getFocusedWindow() ?? BrowserWindow.getAllWindows()[0];
      // The suggested name's extension decides the kind: a workbook, or a CSV file (the signup links).
      const csv = suggestedName.toLowerCase().endsWith('.csv');
      const ext = csv ? '.csv' : '.xlsx';
      const options = {
        title: csv ? 'Save the signup links' : 'Save the credit-committee pack',
        defaultPath: path.join(app.getPath('documents'), suggestedName),
        filters: [csv ? { name: 'CSV file', extensions: ['csv'] } : { name: 'Excel workbook', extensions: ['xlsx'] }],
        properties: ['createDirectory', 'showOverwriteConfirmation'] as Array<'createDirectory' | 'showOverwriteConfirmation'>,
      };
      const r = parent ? await dialog.showSaveDialog(parent, options) : await dialog.showSaveDialog(options);
      if (r.canceled || !r.filePath) return null;
      return r.filePath.toLowerCase().endsWith(ext) ? r.filePath : `${r.filePath}${ext}`;
    },
    revealFile: (file) => {
      shell.showItemInFolder(file);
      return true;
    },
  };
}
