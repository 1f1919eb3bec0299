import { describe, expect, expectTypeOf, it } from 'vitest';
import {
  AppError,
  CHANNELS,
  EVENT_NAMES,
  contract,
  buildApi,
  channelPath,
  eventPath,
  events,
  methodAt,
  type Api,
  type ChannelOutput,
} from '../../../../shared/contract';

describe('the contract', () => {
  it('names every channel domain:verb with a documented input and output schema', () => {
    expect(CHANNELS.length).toBeGreaterThan(20);
    for (const name of CHANNELS) {
      expect(name).toMatch(/^[a-z]+:[a-z][a-zA-Z]*$/);
      const def = contract[name];
      expect(def.doc.length, `${name} has a doc`).toBeGreaterThan(10);
      expect(typeof def.input.safeParse).toBe('function');
      expect(typeof def.output.safeParse).toBe('function');
    }
  });

  it('names every event domain:verb, and each maps to an on<Verb> method of its domain', () => {
    for (const name of EVENT_NAMES) {
      expect(name).toMatch(/^[a-z]+:[a-z][a-zA-Z]*$/);
      expect(typeof events[name].safeParse).toBe('function');
    }
    expect(eventPath('sync:progress')).toEqual({ domain: 'sync', method: 'onProgress' });
    expect(channelPath('limits:setCovenants')).toEqual({ domain: 'limits', method: 'setCovenants' });
  });

  it('builds the api object’s shape in one place: a method per channel and event, found again by its path', () => {
    const api = buildApi(
      (c) => `call ${c}`,
      (e) => `event ${e}`,
    );
    expect(Object.keys(api).sort()).toEqual([...new Set(CHANNELS.map((c) => c.split(':')[0]!))].sort());
    for (const c of CHANNELS) expect(methodAt(api, channelPath(c))).toBe(`call ${c}`);
    for (const e of EVENT_NAMES) expect(methodAt(api, eventPath(e))).toBe(`event ${e}`);
    expect(api.followed).toMatchObject({ list: 'call followed:list', follow: 'call followed:follow' });
    expect(api.notifications!.onChanged).toBe('event notifications:changed');
    // Only own methods: nothing inherited answers for a name.
    expect(methodAt(api, channelPath('portfolio:constructor'))).toBeUndefined();
    expect(methodAt(api, channelPath('__proto__:list'))).toBeUndefined();
  });

  it('refuses unknown keys, prototype-pollution keys and oversized input', () => {
    const follow = contract['followed:follow'].input;
    expect(follow.safeParse({ profileId: 'demo', lines: ['923609016'] }).success).toBe(true);
    expect(follow.safeParse({ profileId: 'demo', lines: ['923609016'], extra: 1 }).success).toBe(false);
    expect(follow.safeParse(JSON.parse('{"profileId":"demo","lines":["1"],"__proto__":{"polluted":true}}')).success).toBe(false);
    expect(follow.safeParse({ profileId: 'demo', lines: ['x'.repeat(201)] }).success).toBe(false);
    expect(follow.safeParse({ profileId: 'demo', lines: new Array(20_001).fill('923609016') }).success).toBe(false);
    expect(follow.safeParse({ profileId: '../../etc', lines: ['923609016'] }).success).toBe(false);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });

  it('takes only plain file names for exports (no folders, no traversal)', () => {
    const pack = contract['export:pack'].input;
    expect(pack.safeParse({ profileId: 'demo', fileName: 'Kredittkomite 2026.xlsx' }).success).toBe(true);
    for (const bad of ['../x.xlsx', 'a/b.xlsx', 'C:\\x.xlsx', '.hidden', '..', 'a\u0000b']) {
      expect(pack.safeParse({ profileId: 'demo', fileName: bad }).success, bad).toBe(false);
    }
  });

  it('refuses Windows reserved device names and trailing dots or spaces, saying why', () => {
    const pack = contract['export:pack'].input;
    const reserved = ['CON', 'con', 'Con.xlsx', 'PRN.xlsx', 'aux', 'NUL.tar.gz', 'nul .xlsx', 'COM1', 'com9.xlsx', 'COM0', 'LPT1.XLSX', 'lpt9', 'COM\u00b9.xlsx', 'CONIN$', 'conout$.xlsx'];
    for (const bad of reserved) {
      const r = pack.safeParse({ profileId: 'demo', fileName: bad });
      expect(r.success, bad).toBe(false);
      expect(r.error?.issues.map((i) => i.message).join(' '), bad).toMatch(/reserves for a device/);
    }
    for (const bad of ['pack.', 'pack.xlsx.', 'pack ', 'pack.xlsx ', 'pack. ']) {
      const r = pack.safeParse({ profileId: 'demo', fileName: bad });
      expect(r.success, JSON.stringify(bad)).toBe(false);
      expect(r.error?.issues.map((i) => i.message).join(' '), bad).toMatch(/may not end with a dot or a space/);
    }
    // Names that only start like a device, or hold one inside, are ordinary names.
    for (const good of ['CONTRACTS.xlsx', 'console.xlsx', 'COM10.xlsx', 'LPT.xlsx', 'Auxiliary 2026.xlsx', 'nullable.xlsx', 'Pack CON.xlsx', 'my.con.xlsx', 'COM1x.xlsx']) {
      expect(pack.safeParse({ profileId: 'demo', fileName: good }).success, good).toBe(true);
    }
    const table = contract['export:table'].input;
    expect(table.safeParse({ fileName: 'NUL.xlsx', title: 'T', columns: [{ key: 'a', label: 'A', type: 'text' }], rows: [] }).success).toBe(false);
  });

  it('refuses names and file names holding NUL, line breaks, bidi controls or C1 controls, each with its reason (finding 10)', () => {
    const create = contract['connections:create'].input;
    const update = contract['connections:update'].input;
    const pack = contract['export:pack'].input;
    const table = contract['export:table'].input;
    const cases: [string, string][] = [
      ['Vest\u0000Bank', 'nul_character'],
      ['Vest\nBank', 'line_break'],
      ['Vest\rBank', 'line_break'],
      ['Vest\u2028Bank', 'line_break'],
      ['Vest\u0085Bank', 'line_break'],
      ['Vest\u202eknaB', 'bidi_control'],
      ['Vest\u2066Bank', 'bidi_control'],
      ['Vest\u009b31mBank', 'control_character'],
      ['Vest\u001b[2KBank', 'control_character'],
      ['Vest\u007fBank', 'control_character'],
    ];
    const first = (r: { success: boolean; error?: { issues: { message: string; params?: Record<string, unknown> }[] } }) => r.error?.issues[0];
    for (const [bad, reason] of cases) {
      const a = create.safeParse({ name: bad, environment: 'production', clientId: 'c', scopes: ['s'] });
      expect([JSON.stringify(bad), first(a)?.params?.['reason']]).toEqual([JSON.stringify(bad), reason]);
      expect(first(a)?.message).toMatch(/^A profile name (may not|must be on one line)/);
      expect(update.safeParse({ id: 'vest', name: bad }).success).toBe(false);
      const f = pack.safeParse({ profileId: 'demo', fileName: `${bad}.xlsx` });
      expect([JSON.stringify(bad), first(f)?.params?.['reason']]).toEqual([JSON.stringify(bad), reason]);
      expect(table.safeParse({ fileName: `${bad}.xlsx`, title: 'T', columns: [{ key: 'a', label: 'A', type: 'text' }], rows: [] }).success).toBe(false);
    }
    expect(first(pack.safeParse({ profileId: 'demo', fileName: 'Kreditt\u202eslx.exe' }))?.message).toBe(
      'A file name may not contain a text-direction control (U+202E), which can make it read as something else.',
    );
    // Norwegian letters, dashes, quotes and emoji are names like any other.
    for (const good of ['Sparebanken Sør – Bedrift', 'Ålesund «Næring» 2026', 'Bank 🏦']) {
      expect(create.safeParse({ name: good, environment: 'production', clientId: 'c', scopes: ['s'] }).success, good).toBe(true);
      expect(pack.safeParse({ profileId: 'demo', fileName: `${good}.xlsx` }).success, good).toBe(true);
    }
  });

  it('carries every failure in one error shape', () => {
    const e = new AppError('offline', 'Symetrisk cannot be reached', { url: 'https://api.symetrisk.com' });
    expect(e.toShape()).toEqual({ code: 'offline', message: 'Symetrisk cannot be reached', details: { url: 'https://api.symetrisk.com' } });
    const back = AppError.fromShape(e.toShape());
    expect(back).toBeInstanceOf(AppError);
    expect(back.code).toBe('offline');
  });

  it('derives the api type from the schemas', () => {
    expectTypeOf<Api['system']['status']>().returns.resolves.toEqualTypeOf<ChannelOutput<'system:status'>>();
    expectTypeOf<Api['sync']['onProgress']>().parameter(0).parameter(0).toHaveProperty('phase');
    expectTypeOf<Api['portfolio']['list']>().parameter(0).toEqualTypeOf<{ profileId: string; limit?: number | undefined; basis?: 'ltm' | 'last_financial_year' | 'ytd' | 'annualised' | undefined }>();
  });
});
