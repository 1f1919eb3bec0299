import { beforeEach, describe, expect, it } from 'vitest';
import { createPinia, setActivePinia } from 'pinia';
import { setApi } from '../../../../renderer/src/api';
import { useRegistryStore } from '../../../../renderer/src/stores/registry';
import { useSettingsStore } from '../../../../renderer/src/stores/settings';
import { AppError } from '../../../../shared/contract/errors';
import { fakeApi, SETTINGS } from '../fake-api';

describe('registry store', () => {
  beforeEach(() => setActivePinia(createPinia()));

  it('asks for proposals for a name; a later name wins over an answer that comes late; a refusal is said', async () => {
    const answers = new Map<string, (v: unknown) => void>();
    const fake = fakeApi({
      settings: { get: async () => SETTINGS },
      registry: {
        proposals: ({ name }) =>
          name === 'Off AS'
            ? Promise.reject(new AppError('conflict', 'Registry calls are switched off in Settings.', { reason: 'registry_disabled' }))
            : new Promise((resolve) => answers.set(name, resolve as (v: unknown) => void)),
      },
    });
    setApi(fake.api);
    await useSettingsStore().load();
    const store = useRegistryStore();
    const first = store.propose('Nordlys Bygg AS');
    const second = store.propose('Fjord Data AS');
    const proposal = (orgNr: string) => ({ orgNr, name: 'X', match: 'exact', rank: 1, status: 'active', legalForm: 'AS', municipality: null, needsConfirmation: true, reasons: [] });
    answers.get('Fjord Data AS')!({ name: 'Fjord Data AS', searched: ['Fjord Data AS'], proposals: [proposal('914594685')] });
    await second;
    answers.get('Nordlys Bygg AS')!({ name: 'Nordlys Bygg AS', searched: ['Nordlys Bygg AS'], proposals: [proposal('923609016')] });
    await first;
    expect(store.name).toBe('Fjord Data AS');
    expect(store.proposals.map((p) => p.orgNr)).toEqual(['914594685']);
    await store.propose('Off AS');
    expect(store.status).toBe('error');
    expect(store.error).toBe('Oppslag i registrene er slått av i Innstillinger.');
    expect(store.proposals).toEqual([]);
  });
});
