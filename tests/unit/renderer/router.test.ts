// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { createRouter, createWebHashHistory } from 'vue-router';
import { followEarlyAddressChanges } from '../../../renderer/src/router';

const Empty = { render: () => null };

describe('followEarlyAddressChanges', () => {
  it('follows an address typed while the first route was still loading, instead of dropping it', async () => {
    window.history.replaceState(null, '', '/');
    let releaseStart!: () => void;
    const startLoaded = new Promise<void>((r) => (releaseStart = r));
    const router = createRouter({
      history: createWebHashHistory(),
      routes: [
        // The start view's chunk arrives late, as over a slow first load.
        { path: '/', name: 'start', component: () => startLoaded.then(() => Empty) },
        { path: '/status', name: 'status', component: Empty },
      ],
    });
    followEarlyAddressChanges(router, window);
    void router.push(router.options.history.location);
    // The analyst (or a test's page.goto) changes the address before the router listens to it.
    window.location.hash = '#/status';
    await new Promise<void>((r) => window.addEventListener('hashchange', () => r(), { once: true }));
    releaseStart();
    await router.isReady();
    await expect.poll(() => router.currentRoute.value.name).toBe('status');
    expect(window.location.hash).toBe('#/status');
  });

  it('changes nothing when the address did not move before the router was ready', async () => {
    window.history.replaceState(null, '', '/');
    const router = createRouter({
      history: createWebHashHistory(),
      routes: [
        { path: '/', name: 'start', component: Empty },
        { path: '/status', name: 'status', component: Empty },
      ],
    });
    followEarlyAddressChanges(router, window);
    await router.push('/');
    await router.isReady();
    expect(router.currentRoute.value.name).toBe('start');
  });
});
