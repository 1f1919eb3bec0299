// A recording stand-in for the `electron` module, for the wiring test (../wiring.test.ts). It implements only what
// the built main and preload bundles call, records every call, and throws on any other property, so a bundle that
// starts using more of Electron fails here with the name to add. It checks the app's wiring, never Electron's
// behaviour: the real thing is exercised by the _electron suite (../smoke.electron.ts) where a binary exists.
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const { EventEmitter } = require('node:events');
const { fileURLToPath } = require('node:url');

const rec = {
  accessed: new Set(),
  sandboxEnabled: false,
  paths: new Map([['documents', path.join(require('node:os').tmpdir(), 'desk-wiring-documents')]]),
  quitCalls: 0,
  singleInstanceLock: 0,
  privilegedSchemes: [],
  protocolHandlers: new Map(),
  ipcHandlers: new Map(),
  windows: [],
  session: { permissionRequest: null, permissionCheck: null, devicePermission: null },
  openedExternally: [],
  shownInFolder: [],
  printedToPdf: [],
  saveDialogAnswer: { canceled: true, filePath: undefined },
  exposed: new Map(),
  rendererListeners: new Map(),
  readyResolve: null,
};

const app = new EventEmitter();
const ready = new Promise((resolve) => (rec.readyResolve = resolve));
Object.assign(app, {
  enableSandbox: () => void (rec.sandboxEnabled = true),
  setPath: (name, p) => void rec.paths.set(name, p),
  getPath: (name) => {
    // Where Electron itself would put the user's data (~/.config/Symetrisk Desk); the test names a temp folder.
    if (name === 'userData' && !rec.paths.has(name) && process.env.WIRING_USER_DATA) return process.env.WIRING_USER_DATA;
    if (!rec.paths.has(name)) throw new Error(`app.getPath('${name}') is not set in the stand-in`);
    return rec.paths.get(name);
  },
  getVersion: () => JSON.parse(fs.readFileSync(path.resolve(__dirname, '../../../package.json'), 'utf8')).version,
  requestSingleInstanceLock: () => (rec.singleInstanceLock++, true),
  quit: () => void rec.quitCalls++,
  whenReady: () => ready,
  // What ships: a packaged app (no dev server origin, no devtools, outputs not re-validated).
  isPackaged: true,
});

let nextContentsId = 1;
class WebContents extends EventEmitter {
  constructor() {
    super();
    this.id = nextContentsId++;
    this.sent = [];
    this.windowOpenHandler = null;
  }
  send(channel, payload) {
    this.sent.push({ channel, payload });
    this.emit('__sent', channel, payload);
  }
  isDestroyed() {
    return false;
  }
  setWindowOpenHandler(fn) {
    this.windowOpenHandler = fn;
  }
  // What the print view's "save as PDF" calls: the options are recorded, a tiny PDF stands in for Chromium's.
  async printToPDF(options) {
    rec.printedToPdf.push(options);
    return Buffer.from('%PDF-1.4\n% electron stand-in\n%%EOF\n');
  }
}

class BrowserWindow extends EventEmitter {
  constructor(options) {
    super();
    this.options = options;
    this.webContents = new WebContents();
    this.loadedUrls = [];
    this.shown = false;
    rec.windows.push(this);
    // Electron announces every new web contents to the app before the window loads anything.
    app.emit('web-contents-created', {}, this.webContents);
  }
  loadURL(url) {
    this.loadedUrls.push(url);
    return Promise.resolve();
  }
  show() {
    this.shown = true;
  }
  isMinimized() {
    return false;
  }
  restore() {}
  focus() {}
  static getAllWindows() {
    return [...rec.windows];
  }
  static getFocusedWindow() {
    return rec.windows[0] ?? null;
  }
  static fromWebContents(contents) {
    return rec.windows.find((w) => w.webContents === contents) ?? null;
  }
}

const protocol = {
  registerSchemesAsPrivileged: (schemes) => void rec.privilegedSchemes.push(...schemes),
  handle: (scheme, handler) => {
    if (rec.protocolHandlers.has(scheme)) throw new Error(`protocol.handle('${scheme}') called twice`);
    rec.protocolHandlers.set(scheme, handler);
  },
};

const TYPES = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.svg': 'image/svg+xml', '.json': 'application/json', '.woff2': 'font/woff2' };
const net = {
  // Electron's net.fetch reads file: URLs itself; Node's fetch does not, so the stand-in does.
  fetch: async (input, init) => {
    const url = typeof input === 'string' ? input : input.url;
    if (url.startsWith('file:')) {
      const file = fileURLToPath(url);
      if (!fs.existsSync(file) || !fs.statSync(file).isFile()) return new Response('not found', { status: 404 });
      return new Response(fs.readFileSync(file), { status: 200, headers: { 'Content-Type': TYPES[path.extname(file)] ?? 'application/octet-stream' } });
    }
    return globalThis.fetch(input, init);
  },
};

const session = {
  defaultSession: {
    setPermissionRequestHandler: (fn) => void (rec.session.permissionRequest = fn),
    setPermissionCheckHandler: (fn) => void (rec.session.permissionCheck = fn),
    setDevicePermissionHandler: (fn) => void (rec.session.devicePermission = fn),
  },
};

const shell = {
  openExternal: async (url) => void rec.openedExternally.push(url),
  showItemInFolder: (file) => void rec.shownInFolder.push(file),
};

const dialog = {
  // The test sets the answer (rec.saveDialogAnswer); closed by default.
  showSaveDialog: async () => ({ ...rec.saveDialogAnswer }),
};

const ipcMain = {
  handle: (channel, fn) => {
    // Electron refuses a second handler for a channel; so does the stand-in.
    if (rec.ipcHandlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
    rec.ipcHandlers.set(channel, fn);
  },
  removeHandler: (channel) => void rec.ipcHandlers.delete(channel),
};

// The preload's side. invoke() reaches ipcMain as a call from the app window's main frame would.
const ipcRenderer = {
  invoke: async (channel, ...args) => {
    const handler = rec.ipcHandlers.get(channel);
    if (!handler) throw new Error(`No handler registered for '${channel}'`);
    const win = rec.windows[0];
    const url = win?.loadedUrls.at(-1) ?? 'app://desk/index.html';
    return handler({ sender: win?.webContents ?? new WebContents(), senderFrame: { url, parent: null } }, ...args);
  },
  on: (channel, fn) => {
    const list = rec.rendererListeners.get(channel) ?? [];
    list.push(fn);
    rec.rendererListeners.set(channel, list);
  },
  removeListener: (channel, fn) => {
    rec.rendererListeners.set(channel, (rec.rendererListeners.get(channel) ?? []).filter((f) => f !== fn));
  },
};

const contextBridge = {
  exposeInMainWorld: (key, value) => {
    if (rec.exposed.has(key)) throw new Error(`contextBridge: '${key}' exposed twice`);
    rec.exposed.set(key, value);
  },
};

const modules = { app, BrowserWindow, protocol, net, session, shell, dialog, ipcMain, ipcRenderer, contextBridge };
// Interop probes a bundler may make; answered as a plain CommonJS module would.
const PROBES = new Set(['__esModule', 'default', 'then', 'toJSON', 'constructor']);

module.exports = new Proxy(modules, {
  get(target, name) {
    if (name === '__recorder') return rec;
    if (typeof name === 'symbol' || PROBES.has(name)) return undefined;
    rec.accessed.add(name);
    if (!(name in target)) throw new Error(`The electron stand-in has no '${name}': add it to tests/electron/wiring/electron-stand-in.cjs`);
    return target[name];
  },
});
