/**
 * The typed api object, the renderer's only way to the main side. It is built from the contract over one of two
 * transports, chosen here: window.api from the Electron preload when present, the browser host client otherwise.
 * Only Pinia stores call it.
 */
// Names and the error class only: the schemas (and zod) stay on the main side, which parses every input.
import type { Api } from '../../../shared/contract';
import { AppError, type Envelope } from '../../../shared/contract/errors';
import { buildApi, type EventName } from '../../../shared/contract/names';
import { createHttpTransport } from './http-transport';
import { createIpcTransport, type RawPreloadApi } from './ipc-transport';

export interface Transport {
  kind: 'electron' | 'browser';
  call(channel: string, input: unknown): Promise<Envelope<unknown>>;
  subscribe(event: EventName, listener: (payload: unknown) => void): () => void;
  /** A same-origin URL (e.g. an export's download link) with whatever the transport needs to authorise it. */
  authorizeUrl(path: string): string;
}

/** Builds `api.domain.verb(input)` and `api.domain.onEvent(cb)` from the contract over a transport. */
export function createApi(transport: Transport): Api {
  return buildApi<unknown>(
    (channel) => async (input?: unknown) => {
      const envelope = await transport.call(channel, input);
      if (envelope.ok) return envelope.value;
      throw AppError.fromShape(envelope.error);
    },
    (event) => (listener: (payload: unknown) => void) => transport.subscribe(event, listener),
  ) as unknown as Api;
}

export function chooseTransport(win: Window & { api?: RawPreloadApi }): Transport {
  return win.api ? createIpcTransport(win.api) : createHttpTransport(win);
}

let current: Api | null = null;
let currentTransport: Transport | null = null;
/** The transport behind useApi(), for authorised download links in the browser host. */
export function useTransport(): Transport {
  currentTransport ??= chooseTransport(window as Window & { api?: RawPreloadApi });
  return currentTransport;
}
/** The app's api object (created on first use). Tests inject their own with setApi. */
export function useApi(): Api {
  current ??= createApi(useTransport());
  return current;
}
export function setApi(api: Api | null): void {
  current = api;
}
export function transportKind(): 'electron' | 'browser' {
  return (window as Window & { api?: unknown }).api ? 'electron' : 'browser';
}
