import type { Envelope, EventName } from '../../../shared/contract';
import type { Transport } from './index';

const TOKEN_KEY = 'symetrisk-desk-token';

/**
 * The launch token arrives once in the URL (?token=...). It is kept in sessionStorage for reloads of this tab and
 * removed from the address bar at once, so it is not left in history or screenshots.
 */
export function takeLaunchToken(win: Window): string | null {
  const url = new URL(win.location.href);
  const fromUrl = url.searchParams.get('token');
  if (fromUrl) {
    win.sessionStorage.setItem(TOKEN_KEY, fromUrl);
    url.searchParams.delete('token');
    win.history.replaceState(win.history.state, '', url.pathname + url.search + url.hash);
    return fromUrl;
  }
  return win.sessionStorage.getItem(TOKEN_KEY);
}

export function createHttpTransport(win: Window): Transport {
  const token = takeLaunchToken(win) ?? '';
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  let source: EventSource | null = null;

  const ensureStream = () => {
    if (source) return;
    source = new EventSource(`/api/events?token=${encodeURIComponent(token)}`);
    source.onmessage = (m: MessageEvent<string>) => {
      try {
        const { event, payload } = JSON.parse(m.data) as { event: string; payload: unknown };
        for (const l of listeners.get(event) ?? []) l(payload);
      } catch {
        // A frame we cannot read is dropped; the stores re-read state on their next call.
      }
    };
  };

  return {
    kind: 'browser',
    call: async (channel, input) => {
      let res: Response;
      try {
        res = await fetch(`/api/call/${encodeURIComponent(channel)}`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', 'X-Desk-Token': token },
          body: JSON.stringify({ input }),
        });
      } catch {
        return { ok: false, error: { code: 'offline', message: 'The Symetrisk Desk host does not answer. Is `npm run web` still running?' } };
      }
      try {
        return (await res.json()) as Envelope<unknown>;
      } catch {
        return { ok: false, error: { code: 'internal', message: `The host answered ${res.status} without a readable body.` } };
      }
    },
    subscribe: (event: EventName, listener) => {
      ensureStream();
      let set = listeners.get(event);
      if (!set) listeners.set(event, (set = new Set()));
      set.add(listener);
      return () => set.delete(listener);
    },
    authorizeUrl: (path) => `${path}${path.includes('?') ? '&' : '?'}token=${encodeURIComponent(token)}`,
  };
}
