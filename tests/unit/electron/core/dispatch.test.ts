import { describe, expect, it, vi } from 'vitest';
import { AppError, CHANNELS, type Handlers } from '../../../../shared/contract';
import { createDispatcher } from '../../../../electron/core/dispatch';

function handlersWith(overrides: Partial<Handlers>): Handlers {
  const base = Object.fromEntries(CHANNELS.map((c) => [c, vi.fn(async () => { throw new Error(`${c} not stubbed`); })]));
  return { ...base, ...overrides } as Handlers;
}

describe('dispatch', () => {
  it('runs the handler with the parsed input and returns its value', async () => {
    const list = vi.fn(async () => []);
    const dispatch = createDispatcher(handlersWith({ 'portfolio:list': list }), { validateOutput: true });
    await expect(dispatch('portfolio:list', { profileId: 'demo' }, { host: 'test' })).resolves.toEqual({ ok: true, value: [] });
    expect(list).toHaveBeenCalledWith({ profileId: 'demo' }, { host: 'test' });
  });

  it('refuses a malformed input before any handler runs, naming the field', async () => {
    const list = vi.fn(async () => []);
    const dispatch = createDispatcher(handlersWith({ 'portfolio:list': list }));
    const r = await dispatch('portfolio:list', { profileId: 42 }, { host: 'test' });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe('invalid_input');
      expect(r.error.message).toContain('profileId');
    }
    expect(list).not.toHaveBeenCalled();
  });

  it('passes on the reason of a refused name, for the renderer to word', async () => {
    const create = vi.fn();
    const dispatch = createDispatcher(handlersWith({ 'connections:create': create }));
    const r = await dispatch('connections:create', { name: 'Vest\u202eknaB', environment: 'production', clientId: 'c', scopes: ['s'] }, { host: 'test' });
    expect(r).toMatchObject({ ok: false, error: { code: 'invalid_input', details: { issues: [{ path: 'name', reason: 'bidi_control' }] } } });
    expect(create).not.toHaveBeenCalled();
  });

  it('refuses a channel that is not in the contract', async () => {
    const dispatch = createDispatcher(handlersWith({}));
    for (const name of ['shell:exec', '__proto__', 'constructor', 'toString']) {
      const r = await dispatch(name, undefined, { host: 'test' });
      expect(r).toMatchObject({ ok: false, error: { code: 'unknown_channel' } });
    }
  });

  it('passes an AppError through and hides any other error behind a generic message', async () => {
    const onInternalError = vi.fn();
    const dispatch = createDispatcher(
      handlersWith({
        'sync:start': async () => { throw new AppError('conflict', 'A sync is already running'); },
        'sync:cancel': async () => { throw new Error('secret path /home/x/.key'); },
      }),
      { onInternalError },
    );
    expect(await dispatch('sync:start', { profileId: 'demo' }, { host: 'test' })).toEqual({
      ok: false,
      error: { code: 'conflict', message: 'A sync is already running' },
    });
    const r = await dispatch('sync:cancel', { profileId: 'demo' }, { host: 'test' });
    expect(r).toMatchObject({ ok: false, error: { code: 'internal' } });
    expect(JSON.stringify(r)).not.toContain('.key');
    expect(onInternalError).toHaveBeenCalledOnce();
  });

  it('refuses an output that breaks the contract when output checks are on', async () => {
    const dispatch = createDispatcher(handlersWith({ 'sync:start': async () => ({ runId: 'one' }) as never }), { validateOutput: true });
    expect(await dispatch('sync:start', { profileId: 'demo' }, { host: 'test' })).toMatchObject({ ok: false, error: { code: 'internal' } });
  });
});
