// The child process of the wiring test (../wiring.test.ts): plain Node, no loader, no transpiler. Puts the
// recording electron stand-in where the bundle's require('electron') lands, loads the built main bundle as Electron
// would (it reads SYMETRISK_DESK_DATA), fires 'ready', and then answers the test's questions over the IPC channel.
'use strict';
const Module = require('node:module');
const path = require('node:path');
const workerThreads = require('node:worker_threads');

const mainBundle = path.resolve(process.argv[2]);
const STAND_IN = path.join(__dirname, 'electron-stand-in.cjs');

// Every require('electron') anywhere (main bundle, its chunks, the preload) resolves to the stand-in; the requests
// each module makes are kept, so the test can say what the preload needs.
const requests = [];
const resolve = Module._resolveFilename;
Module._resolveFilename = function (request, parent, ...rest) {
  requests.push({ from: parent?.filename ?? null, request });
  return request === 'electron' ? STAND_IN : resolve.call(this, request, parent, ...rest);
};
const rec = require(STAND_IN).__recorder;

// Which files the app starts worker threads from (the cache-writer worker is a chunk of the build).
const workerFiles = [];
const RealWorker = workerThreads.Worker;
workerThreads.Worker = class extends RealWorker {
  constructor(file, options) {
    workerFiles.push(String(file));
    super(file, options);
  }
};

let loadError = null;
try {
  require(mainBundle);
} catch (e) {
  loadError = e;
}

function send(msg) {
  process.send?.(msg);
}

if (loadError) {
  send({ type: 'loaded', ok: false, error: String(loadError.stack ?? loadError) });
  process.exit(1);
}

rec.readyResolve();
// The window is made once the services are built: that is the app fully started.
const started = new Promise((resolve, reject) => {
  const t0 = Date.now();
  const poll = () => {
    if (rec.windows.length) resolve();
    else if (Date.now() - t0 > 30_000) reject(new Error('the app made no window within 30 s of ready'));
    else setImmediate(poll);
  };
  poll();
});
started.then(
  () => send({ type: 'loaded', ok: true }),
  (e) => send({ type: 'loaded', ok: false, error: String(e) }),
);
process.on('unhandledRejection', (e) => send({ type: 'problem', error: String(e?.stack ?? e) }));

const ops = {
  state() {
    const win = rec.windows[0];
    return {
      accessed: [...rec.accessed].sort(),
      sandboxEnabled: rec.sandboxEnabled,
      singleInstanceLock: rec.singleInstanceLock,
      userData: rec.paths.get('userData') ?? require(STAND_IN).app.getPath('userData'),
      privilegedSchemes: rec.privilegedSchemes,
      protocolSchemes: [...rec.protocolHandlers.keys()],
      channels: [...rec.ipcHandlers.keys()],
      windows: rec.windows.length,
      windowOptions: win.options,
      loadedUrls: win.loadedUrls,
      hasPermissionHandlers: Object.fromEntries(Object.entries(rec.session).map(([k, v]) => [k, typeof v === 'function'])),
      workerFiles,
    };
  },
  async invoke({ channel, input, frameUrl, mainFrame, appWindow }) {
    const handler = rec.ipcHandlers.get(channel);
    if (!handler) throw new Error(`no handler for ${channel}`);
    // Not one of the app's windows: web contents the app never made (a devtools page, a webview, another window).
    const sender = appWindow ? rec.windows[0].webContents : Object.assign(new (require('node:events').EventEmitter)(), { id: 999 });
    const senderFrame = frameUrl === null ? null : { url: frameUrl, parent: mainFrame ? null : { url: 'app://desk/index.html' } };
    return handler({ sender, senderFrame }, input);
  },
  async fetch({ url }) {
    const handler = rec.protocolHandlers.get(new URL(url).protocol.slice(0, -1));
    if (!handler) throw new Error(`no protocol handler for ${url}`);
    const res = await handler(new Request(url));
    const body = Buffer.from(await res.arrayBuffer());
    return { status: res.status, headers: Object.fromEntries(res.headers.entries()), body: body.toString('base64') };
  },
  waitEvent({ channel, after }) {
    const contents = rec.windows[0].webContents;
    const found = () => contents.sent.slice(after ?? 0).find((s) => s.channel === channel);
    const hit = found();
    if (hit) return hit.payload;
    return new Promise((resolve) => {
      const on = (c) => {
        if (c !== channel) return;
        contents.off('__sent', on);
        resolve(found().payload);
      };
      contents.on('__sent', on);
    });
  },
  sentCount() {
    return rec.windows[0].webContents.sent.length;
  },
  navigation({ url }) {
    const contents = rec.windows[0].webContents;
    const outcome = {};
    for (const event of ['will-navigate', 'will-redirect']) {
      let prevented = false;
      contents.emit(event, { preventDefault: () => (prevented = true) }, url);
      outcome[event] = prevented ? 'prevented' : 'allowed';
    }
    const before = rec.openedExternally.length;
    outcome.windowOpen = contents.windowOpenHandler({ url }).action;
    outcome.openedExternally = rec.openedExternally.length > before;
    let attach = false;
    contents.emit('will-attach-webview', { preventDefault: () => (attach = true) });
    outcome.webviewPrevented = attach;
    return outcome;
  },
  permissions() {
    let granted = null;
    rec.session.permissionRequest({}, 'media', (g) => (granted = g));
    return { request: granted, check: rec.session.permissionCheck({}, 'media'), device: rec.session.devicePermission({}) };
  },
  async preload({ file }) {
    const first = requests.length;
    require(path.resolve(file));
    const own = requests.slice(first).filter((r) => r.from === path.resolve(file)).map((r) => r.request);
    const api = rec.exposed.get('api');
    const methods = [];
    for (const [domain, fns] of Object.entries(api ?? {})) for (const [name, fn] of Object.entries(fns)) if (typeof fn === 'function') methods.push(`${domain}.${name}`);
    // A round trip the renderer would make: window.api.system.status() through the bridge to the dispatcher.
    const status = await api.system.status();
    return { exposed: [...rec.exposed.keys()], methods: methods.sort(), requires: own, status };
  },
  // What the save dialog answers next (closed, or a path), and what was printed to PDF so far.
  saveDialog({ answer }) {
    rec.saveDialogAnswer = answer;
    return null;
  },
  printed() {
    return rec.printedToPdf;
  },
  // The window closes and the app quits. The IPC channel then stops holding the process: whatever else keeps it
  // alive (a server, a worker, an open handle) is something the app failed to close.
  quit() {
    rec.windows.length = 0;
    const { app } = require(STAND_IN);
    app.emit('window-all-closed');
    app.emit('will-quit');
    setImmediate(() => process.channel?.unref());
    return { quitCalls: rec.quitCalls };
  },
};

process.on('message', async (msg) => {
  try {
    const value = await ops[msg.op](msg.args ?? {});
    send({ type: 'reply', id: msg.id, ok: true, value });
  } catch (e) {
    send({ type: 'reply', id: msg.id, ok: false, error: String(e?.stack ?? e) });
  }
});
// Started with an IPC channel only: when the test goes away, so does this process.
process.on('disconnect', () => process.exit(0));
