/**
 * The only file that touches ipcMain. Every channel of the contract is registered here; each call is checked for
 * its sender (the app's own top-level page) before the dispatcher parses its input and runs the handler.
 */
import { ipcMain, type IpcMainInvokeEvent, type WebContents } from 'electron';
import { CHANNELS, type Emit, type Envelope, type Handlers } from '../../shared/contract';
import { createDispatcher, type DispatchOptions } from '../core/dispatch';
import { isTrustedSender } from './sender';

export interface BridgeOptions extends DispatchOptions {
  /** Origins the app's page is served from (app://desk in production, the dev server in development). */
  allowedOrigins: readonly string[];
  /** Whether these web contents are one of the app's own windows. */
  isAppWindow: (contents: WebContents) => boolean;
  onRefused?: (channel: string, reason: string) => void;
}

export function registerBridge(handlers: Handlers, options: BridgeOptions): () => void {
  const dispatch = createDispatcher(handlers, options);
  for (const name of CHANNELS) {
    ipcMain.handle(name, async (event: IpcMainInvokeEvent, input: unknown): Promise<Envelope<unknown>> => {
      const frame = event.senderFrame;
      const trusted = isTrustedSender(
        {
          frameUrl: frame?.url ?? null,
          isMainFrame: frame !== null && frame !== undefined && frame.parent === null,
          isAppWindow: options.isAppWindow(event.sender),
        },
        options.allowedOrigins,
      );
      if (!trusted) {
        options.onRefused?.(name, `untrusted sender ${frame?.url ?? '(no frame)'}`);
        return { ok: false, error: { code: 'forbidden', message: 'This call did not come from the app window.' } };
      }
      return dispatch(name, input, { host: 'electron' });
    });
  }
  return () => {
    for (const name of CHANNELS) ipcMain.removeHandler(name);
  };
}

/** Pushes events to every app window. */
export function createElectronEmit(windows: () => WebContents[]): Emit {
  return (event, payload) => {
    for (const contents of windows()) if (!contents.isDestroyed()) contents.send(event, payload);
  };
}
