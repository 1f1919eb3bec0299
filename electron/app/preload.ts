/**
 * Runs sandboxed, bundled as one CommonJS file. Exposes `window.api`: named methods built from the contract
 * (never a generic invoke, never ipcRenderer itself). Each method returns the Envelope; the renderer's api
 * module unwraps it into a value or a thrown AppError.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
// The names only (no schemas, no zod): main parses every input against the contract.
import { CHANNEL_NAMES, EVENT_NAMES, eventMethod, splitChannel } from '../../shared/contract/names';

type Fn = (...args: never[]) => unknown;
const api: Record<string, Record<string, Fn>> = {};

for (const name of CHANNEL_NAMES) {
  const { domain, verb } = splitChannel(name);
  api[domain] ??= {};
  // Exactly one argument crosses: the input, which main parses against the contract.
  api[domain][verb] = ((input?: unknown) => ipcRenderer.invoke(name, input)) as Fn;
}

for (const name of EVENT_NAMES) {
  const { domain, method } = eventMethod(name);
  api[domain] ??= {};
  api[domain][method] = ((listener: (payload: unknown) => void) => {
    if (typeof listener !== 'function') throw new TypeError('listener must be a function');
    const wrapped = (_event: IpcRendererEvent, payload: unknown) => listener(payload);
    ipcRenderer.on(name, wrapped);
    return () => {
      ipcRenderer.removeListener(name, wrapped);
    };
  }) as Fn;
}

contextBridge.exposeInMainWorld('api', api);
