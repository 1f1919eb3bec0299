import path from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';

// Electron cannot run here: window.ts is exercised against a recording fake of the parts of Electron it uses.
const h = vi.hoisted(() => ({
  appListeners: new Map<string, (...args: unknown[]) => void>(),
  windows: [] as { options: Record<string, unknown>; url: string | null }[],
  openExternal: vi.fn(async (_url: string) => {}),
  session: {
    permissionRequest: null as null | ((...a: unknown[]) => void),
    permissionCheck: null as null | ((...a: unknown[]) => boolean),
    devicePermission: null as null | ((...a: unknown[]) => boolean),
  },
  schemes: [] as unknown[],
  protocolHandler: null as null | ((req: { url: string }) => Promise<Response>),
  netFetch: vi.fn(async (_url: string) => new Response('<html></html>', { headers: { 'Content-Type': 'text/html' } })),
  isPackaged: true,
}));

vi.mock('electron', () => ({
  app: {
    on: (name: string, fn: (...args: unknown[]) => void) => h.appListeners.set(name, fn),
    get isPackaged() {
      return h.isPackaged;
    },
  },
  BrowserWindow: class {
    options: Record<string, unknown>;
    url: string | null = null;
    constructor(options: Record<string, unknown>) {
      this.options = options;
      h.windows.push(this);
    }
    once() {}
    loadURL(url: string) {
      this.url = url;
      return Promise.resolve();
    }
  },
  net: { fetch: h.netFetch },
  protocol: {
    registerSchemesAsPrivileged: (s: unknown[]) => h.schemes.push(...s),
    handle: (_scheme: string, fn: (req: { url: string }) => Promise<Response>) => {
      h.protocolHandler = fn;
    },
  },
  session: {
    defaultSession: {
      setPermissionRequestHandler: (fn: (...a: unknown[]) => void) => (h.session.permissionRequest = fn),
      setPermissionCheckHandler: (fn: (...a: unknown[]) => boolean) => (h.session.permissionCheck = fn),
      setDevicePermissionHandler: (fn: (...a: unknown[]) => boolean) => (h.session.devicePermission = fn),
    },
  },
  shell: { openExternal: h.openExternal },
}));

const win = await import('../../../../electron/app/window');

/** A fake webContents that records the listeners lockDownContents attaches. */
function contents() {
  const on = new Map<string, (e: { preventDefault(): void; url: string }, url: string) => void>();
  let openHandler: ((d: { url: string }) => { action: string }) | null = null;
  return {
    on: (name: string, fn: (e: { preventDefault(): void; url: string }, url: string) => void) => on.set(name, fn),
    setWindowOpenHandler: (fn: (d: { url: string }) => { action: string }) => (openHandler = fn),
    fire(name: string, url = 'about:blank'): boolean {
      let prevented = false;
      // Electron passes will-frame-navigate's url on the event itself, the others as the second argument.
      on.get(name)!({ preventDefault: () => (prevented = true), url }, url);
      return prevented;
    },
    open: (url: string) => openHandler!({ url }),
  };
}

describe('the window', () => {
  beforeEach(() => {
    h.windows.length = 0;
    h.isPackaged = true;
    h.openExternal.mockClear();
  });

  it('isolates the page: context isolation, sandbox, no Node, web security, no insecure content, no webview', () => {
    win.createMainWindow('/app/preload.cjs');
    const prefs = h.windows[0]!.options['webPreferences'] as Record<string, unknown>;
    expect(prefs).toMatchObject({
      preload: '/app/preload.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
      disableBlinkFeatures: 'Auxclick',
      devTools: false,
    });
    expect(prefs).not.toHaveProperty('enableBlinkFeatures');
    expect(prefs).not.toHaveProperty('nodeIntegrationInSubFrames');
  });

  it('loads only the app:// page when packaged, never a dev server or a file:// URL', () => {
    process.env['ELECTRON_RENDERER_URL'] = 'http://localhost:5173';
    try {
      win.createMainWindow('/p.cjs');
      expect(h.windows[0]!.url).toBe('app://desk/index.html');
    } finally {
      delete process.env['ELECTRON_RENDERER_URL'];
    }
  });

  it('registers app:// as a standard secure scheme without CSP bypass', () => {
    win.registerAppScheme();
    expect(h.schemes).toEqual([{ scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } }]);
  });
});

describe('navigation, new windows and external links', () => {
  const wc = contents();
  win.lockDownContents();
  h.appListeners.get('web-contents-created')!({}, wc);

  it.each(['https://evil.example/', 'file:///etc/passwd', 'http://localhost:5173/', 'app://desk.evil/x', 'app://other/index.html'])(
    'refuses to navigate or redirect to %s',
    (url) => {
      expect(wc.fire('will-navigate', url)).toBe(true);
      expect(wc.fire('will-redirect', url)).toBe(true);
      // Any frame's navigation, an iframe's included (finding 10).
      expect(wc.fire('will-frame-navigate', url)).toBe(true);
    },
  );

  it('lets the app navigate within itself', () => {
    expect(wc.fire('will-navigate', 'app://desk/index.html#/portfolio')).toBe(false);
    expect(wc.fire('will-frame-navigate', 'app://desk/index.html#/portfolio')).toBe(false);
  });

  it('allows the dev server only unpackaged, and only its exact origin', () => {
    h.isPackaged = false;
    process.env['ELECTRON_RENDERER_URL'] = 'http://localhost:5173';
    try {
      expect(wc.fire('will-navigate', 'http://localhost:5173/#/x')).toBe(false);
      expect(wc.fire('will-navigate', 'http://localhost:5173.evil.example/')).toBe(true);
      h.isPackaged = true;
      expect(wc.fire('will-navigate', 'http://localhost:5173/#/x')).toBe(true);
    } finally {
      delete process.env['ELECTRON_RENDERER_URL'];
    }
  });

  it('refuses every <webview>', () => {
    expect(wc.fire('will-attach-webview')).toBe(true);
  });

  it('denies every new window; allow-listed https links go to the system browser, nothing else does', () => {
    expect(wc.open('https://www.symetrisk.com/docs')).toEqual({ action: 'deny' });
    expect(h.openExternal).toHaveBeenCalledWith('https://www.symetrisk.com/docs');
    h.openExternal.mockClear();
    for (const url of ['https://evil.example/', 'file:///etc/passwd', 'http://www.symetrisk.com/', 'app://desk/index.html']) {
      expect(wc.open(url)).toEqual({ action: 'deny' });
    }
    expect(h.openExternal).not.toHaveBeenCalled();
  });
});

describe('the session', () => {
  it('denies every permission request, permission check and device request', () => {
    win.lockDownSession();
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal', 'fullscreen']) {
      const callback = vi.fn();
      h.session.permissionRequest!({}, permission, callback);
      expect(callback).toHaveBeenCalledWith(false);
      expect(h.session.permissionCheck!({}, permission, 'app://desk', {})).toBe(false);
    }
    expect(h.session.devicePermission!({ deviceType: 'usb' })).toBe(false);
  });
});

describe('the app:// protocol', () => {
  const root = path.resolve('/srv/renderer');

  it('maps app://desk paths into the renderer folder', () => {
    expect(win.resolveAppFile(root, 'app://desk/')).toBe(path.join(root, 'index.html'));
    expect(win.resolveAppFile(root, 'app://desk/assets/a.js')).toBe(path.join(root, 'assets/a.js'));
  });

  it.each(['app://desk/../../etc/passwd', 'app://desk/%2e%2e/%2e%2e/etc/passwd'])('keeps %s inside the folder (the URL parser folds the dots)', (url) => {
    expect(win.resolveAppFile(root, url)).toBe(path.join(root, 'etc/passwd'));
  });

  it.each([
    'app://desk/..%2f..%2fetc%2fpasswd',
    'app://desk/%2e%2e%2f%2e%2e%2fetc%2fpasswd',
    'app://desk/%E0%A4%A',
    'app://other/index.html',
    'file:///etc/passwd',
  ])('refuses %s', (url) => {
    expect(win.resolveAppFile(root, url)).toBeNull();
  });

  it('serves every response with the CSP and nosniff, and answers 404 outside the folder', async () => {
    win.serveRenderer(root);
    const ok = await h.protocolHandler!({ url: 'app://desk/index.html' });
    expect(ok.headers.get('Content-Security-Policy')).toMatch(/^default-src 'none'/);
    expect(ok.headers.get('X-Content-Type-Options')).toBe('nosniff');
    h.netFetch.mockClear();
    const outside = await h.protocolHandler!({ url: 'app://desk/..%2f..%2fetc%2fpasswd' });
    expect(outside.status).toBe(404);
    expect(h.netFetch).not.toHaveBeenCalled();
  });
});
