/**
 * Runs sandboxed, bundled as one CommonJS file. Exposes `window.api`: named methods built from the contract
 * (never a generic invoke, never ipcRenderer itself). Each method returns the Envelope; the renderer's api
 * module unwraps it into a value or a thrown AppError.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
// The names only (no schemas, no zod): main parses every input against the contract.
import { buildApi } from '../../shared/contract/names';

type Fn = (...args: never[]) => unknown;

const api = buildApi<Fn>(
  // Exactly one argument crosses: the input, which main parses against the contract.
  (channel) => ((input?: unknown) => ipcRenderer.invoke(channel, input)) as Fn,
  (event) =>
    ((listener: (payload: unknown) => void) => {
      if (typeof listener !== 'function') throw new TypeError('listener must be a function');
      const wrapped = (_event: IpcRendererEvent, payload: unknown) => listener(payload);
      ipcRenderer.on(event, wrapped);
      return () => {
        ipcRenderer.removeListener(event, wrapped);
      };
    }) as Fn,
);

contextBridge.exposeInMainWorld('api', api);
