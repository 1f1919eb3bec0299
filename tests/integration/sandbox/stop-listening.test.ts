/** POST /_control/stop-listening: Symetrisk down as a client sees it (connection refused), and resuming in process. */
import http from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import type { Sandbox } from '../../../electron/sandbox/index';
import { api, start, token } from './helpers';

let sb: Sandbox | null = null;
afterEach(async () => {
  await sb?.close();
  sb = null;
});

/** A GET on its own keep-alive agent, so the test controls which connection carries it. */
function get(url: string, agent: http.Agent): Promise<number> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { agent }, (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      })
      .on('error', reject);
  });
}

describe('POST /_control/stop-listening', () => {
  it('answers, then refuses every new connection and drops open keep-alive ones', async () => {
    sb = await start({ borrowers: 5 });
    const tok = await token(sb);
    expect((await api(sb, tok, '/ping')).status).toBe(200);
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    expect(await get(`${sb.apiBaseUrl}/ping`, agent)).toBe(401);
    const open = Object.values(agent.freeSockets).flat()[0]!;
    const dropped = new Promise((r) => open.once('close', r));

    const res = await fetch(`${sb.controlUrl}/stop-listening`, { method: 'POST' });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ stopped: true });
    await dropped;

    await expect(fetch(`${sb.apiBaseUrl}/ping`)).rejects.toThrow();
    await expect(fetch(sb.tokenUrl, { method: 'POST' })).rejects.toThrow();
    await expect(fetch(`${sb.controlUrl}/now`)).rejects.toThrow();
    const refused = await get(`${sb.apiBaseUrl}/ping`, agent).then(
      () => null,
      (e: NodeJS.ErrnoException) => e.code,
    );
    expect(refused).toBe('ECONNREFUSED');
    agent.destroy();
  });

  it('resumes in process on the same port, with the same world; close works after a stop', async () => {
    sb = await start({ borrowers: 5 });
    const before = sb.control.truth().length;
    await sb.stopListening();
    await sb.stopListening(); // idempotent
    await expect(fetch(`${sb.controlUrl}/now`)).rejects.toThrow();
    await sb.resumeListening();
    const tok = await token(sb);
    expect((await api(sb, tok, '/ping')).status).toBe(200);
    expect(((await (await fetch(`${sb.controlUrl}/truth`)).json()) as unknown[]).length).toBe(before);
    await sb.stopListening();
    await sb.close();
  });

  it('is listed by the control API', async () => {
    sb = await start({ borrowers: 5 });
    const help = (await (await fetch(`${sb.controlUrl}/help`)).json()) as { endpoints: string[] };
    expect(help.endpoints.some((e) => e.startsWith('POST /_control/stop-listening'))).toBe(true);
  });
});
