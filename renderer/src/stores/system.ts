import { defineStore } from 'pinia';
import { ref, shallowRef } from 'vue';
import type { dto } from '../../../shared/contract';
import { useApi } from '../api';

type Status = 'idle' | 'loading' | 'error';

export const useSystemStore = defineStore('system', () => {
  const status = ref<Status>('idle');
  const error = ref<string | null>(null);
  const info = shallowRef<dto.SystemStatus | null>(null);

  async function load(): Promise<void> {
    status.value = 'loading';
    error.value = null;
    try {
      info.value = await useApi().system.status();
      status.value = 'idle';
    } catch (e) {
      error.value = e instanceof Error ? e.message : String(e);
      status.value = 'error';
    }
  }

  return { status, error, info, load };
});
