import { beforeEach, describe, expect, it } from 'vitest';
import { createPinia, setActivePinia } from 'pinia';
import { setApi } from '../../../../renderer/src/api';
import { bytesToBase64 } from '../../../../renderer/src/lib/file-base64';
import { AppError, type dto } from '../../../../shared/contract';
import { useFollowedStore } from '../../../../renderer/src/stores/followed';
import { useSettingsStore } from '../../../../renderer/src/stores/settings';
import { fakeApi, SETTINGS } from '../fake-api';

describe('followed store', () => {
  beforeEach(() => setActivePinia(createPinia()));

  it('follows the non-empty lines, keeps the outcome and reads the register again', async () => {
    let register: dto.Followed[] = [];
    const fake = fakeApi({
      settings: { get: async () => SETTINGS },
      followed: {
        list: async () => register,
        follow: async ({ lines, source }) => {
          register = [{ orgNr: '923609016', source: source ?? 'typed', addedAt: '2026-01-01T00:00:00.000Z', name: null, relationshipState: null, check: null }];
          return { added: ['923609016'], alreadyFollowed: [], rejected: lines.slice(1).map((l, i) => ({ line: i + 2, input: l, reason: 'not_digits', message: 'x' })) };
        },
        unfollow: async ({ orgNrs }) => {
          register = register.filter((f) => !orgNrs.includes(f.orgNr));
          return { removed: orgNrs.length };
        },
      },
    });
    setApi(fake.api);
    await useSettingsStore().load();
    const store = useFollowedStore();
    expect(await store.follow(['  ', ''])).toBeUndefined();
    expect(fake.calls.some((c) => c.channel === 'followed:follow')).toBe(false);
    const r = await store.follow(['923609016', '', 'abc'], 'import');
    expect(fake.calls.find((c) => c.channel === 'followed:follow')?.input).toEqual({ profileId: 'demo', lines: ['923609016', 'abc'], source: 'import' });
    expect(r?.rejected).toHaveLength(1);
    expect(store.followResult).toEqual(r);
    expect(store.followed.map((f) => f.orgNr)).toEqual(['923609016']);
    await store.unfollow(['923609016']);
    expect(store.followed).toEqual([]);
  });

  it('sends an imported file as base64 and returns the lines found; a refused file shows why and follows nothing', async () => {
    const bytes = new Uint8Array(70_000).map((_, i) => i % 256);
    const fake = fakeApi({
      settings: { get: async () => SETTINGS },
      followed: {
        parseImport: async ({ fileName }) => {
          if (fileName === 'bad.xlsx') throw new AppError('invalid_input', 'The file could not be read as an Excel workbook (.xlsx).', { reason: 'not_a_workbook' });
          return { lines: ['923609016'], sheet: 'Kunder', column: 'Orgnr' };
        },
      },
    });
    setApi(fake.api);
    await useSettingsStore().load();
    const store = useFollowedStore();
    const content = bytesToBase64(bytes);
    expect(Uint8Array.from(atob(content), (c) => c.charCodeAt(0))).toEqual(bytes);
    expect(await store.parseImport('liste.xlsx', content)).toEqual({ lines: ['923609016'], sheet: 'Kunder', column: 'Orgnr' });
    expect(fake.calls.find((c) => c.channel === 'followed:parseImport')?.input).toEqual({ fileName: 'liste.xlsx', contentBase64: content });
    expect(await store.parseImport('bad.xlsx', 'AAAA')).toBeUndefined();
    expect(store.status).toBe('error');
    expect(store.error).toMatch(/^Filen kunne ikke leses som en Excel-arbeidsbok/);
    expect(fake.calls.some((c) => c.channel === 'followed:follow')).toBe(false);
  });

  it('lists the unlinked relationships and attaches a number: the outcome kept per relationship, a linked one leaves the list', async () => {
    let unlinked: dto.UnlinkedRelationship[] = [
      { relationshipId: 'r-1', state: 'access_approved', name: 'Fjordkraft Bygg AS', borrowerContactEmail: null, bankContactEmail: 'b@bank.no', createdAt: null, firstSeenAt: 'x', lastSeenAt: 'x' },
      { relationshipId: 'r-2', state: 'access_requested', name: 'Nidaros Maling AS', borrowerContactEmail: null, bankContactEmail: 'b@bank.no', createdAt: null, firstSeenAt: 'x', lastSeenAt: 'x' },
    ];
    const fake = fakeApi({
      settings: { get: async () => SETTINGS },
      followed: {
        list: async () => [],
        unlinked: async () => unlinked,
        attach: async ({ relationshipId, orgNr }) => {
          if (orgNr !== '923609016') return { linked: false, relationshipId, orgNr, reason: 'relationship_not_found', message: 'x', answered: null };
          unlinked = unlinked.filter((u) => u.relationshipId !== relationshipId);
          return { linked: true, relationshipId, orgNr, reason: null, message: 'x', answered: null };
        },
      },
    });
    setApi(fake.api);
    await useSettingsStore().load();
    const store = useFollowedStore();
    await store.loadUnlinked();
    expect(store.unlinked.map((u) => u.relationshipId)).toEqual(['r-1', 'r-2']);
    expect(await store.attach('r-1', '   ')).toBeUndefined();
    expect((await store.attach('r-1', ' 974760673 '))?.reason).toBe('relationship_not_found');
    expect(fake.calls.find((c) => c.channel === 'followed:attach')?.input).toEqual({ profileId: 'demo', relationshipId: 'r-1', orgNr: '974760673' });
    expect(store.unlinked).toHaveLength(2);
    expect(store.attachOutcomes['r-1']?.linked).toBe(false);
    expect((await store.attach('r-1', '923609016'))?.linked).toBe(true);
    expect(store.unlinked.map((u) => u.relationshipId)).toEqual(['r-2']);
    expect(store.attachOutcomes['r-1']?.linked).toBe(true);
  });
});
