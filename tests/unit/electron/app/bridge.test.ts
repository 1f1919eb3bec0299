import { beforeEach, describe, expect, it, vi } from 'vitest';
import { CHANNELS, type Handlers } from '../../../../shared/contract';

// Electron cannot run here; the bridge is exercised through a recording ipcMain with forged events.
const registered = new Map<string, (event: unknown, input: unknown) => Promise<unknown>>();
vi.mock('electron', () => ({
  ipcMain: {
    handle: (name: string, fn: (event: unknown, input: unknown) => Promise<unknown>) => registered.set(name, fn),
    removeHandler: (name: string) => registered.delete(name),
  },
}));

const { registerBridge } = await import('../../../../electron/app/bridge');

const appWindow = { id: 1 };
function event(url: string | null, opts: { top?: boolean; sender?: object } = {}) {
  return {
    sender: opts.sender ?? appWindow,
    senderFrame: url === null ? null : { url, parent: opts.top === false ? {} : null },
  };
}

describe('the IPC bridge', () => {
  const status = vi.fn(async () => ({}) as never);
  beforeEach(() => {
    registered.clear();
    status.mockClear();
    const handlers = Object.fromEntries(CHANNELS.map((c) => [c, vi.fn()])) as unknown as Handlers;
    handlers['system:status'] = status;
    handlers['portfolio:list'] = vi.fn(async () => []);
    registerBridge(handlers, { allowedOrigins: ['app://desk'], isAppWindow: (c) => c === (appWindow as never) });
  });

  it('registers exactly the channels of the contract', () => {
    expect([...registered.keys()].sort()).toEqual([...CHANNELS].sort());
  });

  it('serves the app window', async () => {
    const r = await registered.get('portfolio:list')!(event('app://desk/index.html'), { profileId: 'demo' });
    expect(r).toEqual({ ok: true, value: [] });
  });

  it.each([
    ['a forged origin', event('https://evil.example/')],
    ['an iframe of the app', event('app://desk/index.html', { top: false })],
    ['another web contents', event('app://desk/index.html', { sender: { id: 2 } })],
    ['a frame that is gone', event(null)],
  ])('refuses %s and runs nothing', async (_name, ev) => {
    const r = await registered.get('system:status')!(ev, undefined);
    expect(r).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(status).not.toHaveBeenCalled();
  });

  it('refuses a malformed input from the app window and runs nothing', async () => {
    const r = await registered.get('system:status')!(event('app://desk/index.html'), { sneaky: true });
    expect(r).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(status).not.toHaveBeenCalled();
  });
});
