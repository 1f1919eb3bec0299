/**
 * The Demo starts as a bank would: its customer list followed in a new cache, so the first sync (documented shape,
 * no org numbers in the list) shows data at once, with the relationships the list does not name left to attach.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../../../../electron/sandbox/index';
import { createSandboxDemoBackend } from '../../../../../electron/services/connections/demo';
import { makeApp, tempDir, type TestApp } from './helpers';

const apps: TestApp[] = [];
afterEach(async () => {
  for (const a of apps.splice(0)) await a.close();
});

async function demoApp(dir?: string): Promise<{ app: TestApp; sandbox: () => Sandbox }> {
  let sb: Sandbox | null = null;
  const app = await makeApp({
    ...(dir ? { dir } : {}),
    overrides: { demo: createSandboxDemoBackend(async () => async (opts) => (sb = await startSandbox({ ...opts, borrowers: 18 })), { seed: 9 }) },
  });
  apps.push(app);
  return { app, sandbox: () => sb! };
}

const call = <C extends keyof TestApp['services']['handlers']>(app: TestApp, channel: C, input: Parameters<TestApp['services']['handlers'][C]>[0]) =>
  app.services.handlers[channel](input as never, { host: 'test' }) as ReturnType<TestApp['services']['handlers'][C]>;

describe('the Demo’s customer list', () => {
  it('is followed in a new Demo cache; the first sync keys those borrowers with their data and lists the rest unlinked', async () => {
    const { app, sandbox } = await demoApp();
    const followed = await call(app, 'followed:list', { profileId: 'demo' });
    const customers = sandbox().control.customerList();
    expect(followed.map((f) => f.orgNr).sort()).toEqual([...customers].sort());
    expect(new Set(followed.map((f) => f.source))).toEqual(new Set(['customer_list']));

    const run = await (await app.services.sync.start('demo')).done;
    expect(run.outcome).toBe('ok');
    const truth = sandbox().control.truth();
    const unlisted = truth.filter((t) => !customers.includes(t.orgNr));
    expect(unlisted.length).toBeGreaterThanOrEqual(1);
    const rows = await call(app, 'portfolio:list', { profileId: 'demo' });
    expect(rows.map((r) => r.orgNr).sort()).toEqual(truth.filter((t) => customers.includes(t.orgNr)).map((t) => t.orgNr).sort());
    expect(rows.filter((r) => r.latest !== null).length).toBe(truth.filter((t) => customers.includes(t.orgNr) && t.state === 'access_approved').length);
    const unlinked = await call(app, 'followed:unlinked', { profileId: 'demo' });
    expect(unlinked.map((u) => u.relationshipId).sort()).toEqual(unlisted.map((t) => t.relationshipId).sort());
    // The customers Symetrisk does not know are said so on the register.
    const after = await call(app, 'followed:list', { profileId: 'demo' });
    const unknown = customers.filter((o) => !truth.some((t) => t.orgNr === o));
    expect(after.filter((f) => f.check?.state === 'not_found').map((f) => f.orgNr).sort()).toEqual(unknown.sort());
    expect(run.relationships).toEqual({ linked: rows.length, unlinked: unlisted.length, notFound: unknown.length, refused: 0 });

    // Attached through the channel, then synced: its data shows.
    const target = unlisted.find((t) => t.state === 'access_approved')!;
    expect(await call(app, 'followed:attach', { profileId: 'demo', relationshipId: target.relationshipId, orgNr: target.orgNr })).toMatchObject({ linked: true });
    expect((await (await app.services.sync.start('demo')).done).outcome).toBe('ok');
    const row = (await call(app, 'portfolio:list', { profileId: 'demo' })).find((r) => r.orgNr === target.orgNr);
    expect(row?.latest).not.toBeNull();
  });

  it('is followed before a number the analyst adds first, which joins it', async () => {
    const { app, sandbox } = await demoApp();
    const added = await call(app, 'followed:follow', { profileId: 'demo', lines: ['974760673'] });
    expect(added.added).toEqual(['974760673']);
    const list = await call(app, 'followed:list', { profileId: 'demo' });
    expect(list.map((f) => f.orgNr).sort()).toEqual([...sandbox().control.customerList(), '974760673'].sort());
  });

  it('is not followed again in a cache that has been used: the analyst’s choices stand', async () => {
    const dir = tempDir('desk-demo-seed-');
    const first = await demoApp(dir);
    const list = await call(first.app, 'followed:list', { profileId: 'demo' });
    expect((await (await first.app.services.sync.start('demo')).done).outcome).toBe('ok');
    expect(await call(first.app, 'followed:unfollow', { profileId: 'demo', orgNrs: list.map((f) => f.orgNr) })).toEqual({ removed: list.length });
    await first.app.close();
    apps.splice(apps.indexOf(first.app), 1);

    const second = await demoApp(dir);
    expect(await call(second.app, 'followed:list', { profileId: 'demo' })).toEqual([]);
    // A fresh cache (set aside after trouble) starts as a new bank would again.
    await call(second.app, 'sync:resetCache', { profileId: 'demo' });
    expect((await call(second.app, 'followed:list', { profileId: 'demo' })).length).toBe(list.length);
    await second.app.close();
    apps.splice(apps.indexOf(second.app), 1);
    (await import('node:fs')).rmSync(dir, { recursive: true, force: true });
  });
});
