import { defineStore } from 'pinia';
import { shallowRef } from 'vue';
import type { dto } from '../../../shared/contract';
import { useApi } from '../api';
import { useCallStatus } from './status';

/** The app's own facts for the status page: version, host, data folder, runtime. */
export const useSystemStore = defineStore('system', () => {
  const { status, error, run } = useCallStatus();
  const info = shallowRef<dto.SystemStatus | null>(null);

  async function load(): Promise<void> {
    const r = await run(() => useApi().system.status());
    if (r) info.value = r;
  }

  return { status, error, info, load };
});
