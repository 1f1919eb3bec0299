import { createRouter, createWebHashHistory, type Router, type RouteRecordRaw } from 'vue-router';

const portfolioView = () => import('./views/PortfolioView.vue');

// Hash history: the same build runs from app://desk and from the browser host without server-side routes.
export const routes: RouteRecordRaw[] = [
  // App.vue decides between the first-run page and the portfolio once it knows the profiles.
  { path: '/', name: 'start', component: () => import('./views/StartView.vue') },
  { path: '/welcome', name: 'welcome', component: () => import('./views/WelcomeView.vue') },
  { path: '/portfolio', name: 'portfolio', component: portfolioView },
  { path: '/borrower/:orgNr', name: 'borrower', component: () => import('./views/BorrowerView.vue'), props: true },
  { path: '/borrower/:orgNr/compare', name: 'compare', component: () => import('./views/CompareView.vue'), props: true },
  { path: '/borrower/:orgNr/summary', name: 'summary', component: () => import('./views/CommitteeSummaryView.vue'), props: true },
  { path: '/notifications', name: 'notifications', component: () => import('./views/NotificationsView.vue') },
  { path: '/followed', name: 'followed', component: () => import('./views/FollowedView.vue') },
  { path: '/access', name: 'access', component: () => import('./views/AccessView.vue') },
  { path: '/sync', name: 'sync', component: () => import('./views/SyncView.vue') },
  { path: '/export', name: 'export', component: () => import('./views/ExportView.vue') },
  { path: '/settings', name: 'settings', component: () => import('./views/SettingsView.vue') },
  { path: '/status', name: 'status', component: () => import('./views/StatusView.vue') },
];

/** Where the start page sends the analyst: the portfolio once a profile is chosen and any has synced, else the welcome page. */
export function startDestination(activeProfileId: string | null, profiles: readonly { lastSyncAt: string | null }[]): '/portfolio' | '/welcome' {
  return activeProfileId && profiles.some((p) => p.lastSyncAt !== null) ? '/portfolio' : '/welcome';
}

/** The app opens on the start page or the portfolio (not a bookmark of another view). */
export function opensOnPortfolio(win: Window): boolean {
  const path = win.location.hash.replace(/^#/, '');
  return path === '' || path === '/' || path.startsWith('/portfolio');
}

/**
 * Starts loading the portfolio view's code at once when the app opens where the portfolio is likely shown next:
 * it then arrives while the settings and the first rows are read, instead of after them.
 */
export function prefetchStartView(win: Window): void {
  if (opensOnPortfolio(win)) void portfolioView().catch(() => {});
}

export function createAppRouter() {
  return createRouter({ history: createWebHashHistory(), routes });
}

/**
 * Vue Router listens to the address bar only once its first navigation has finished (the start view's chunk has
 * loaded); a route typed or opened in that window (an analyst's bookmark, the e2e suite's `goto('#/status')`) would
 * be dropped and the first navigation would even write '#/' back over it. This keeps the last such address and
 * follows it once the router is ready, so the analyst's choice wins over the first-run redirect.
 */
export function followEarlyAddressChanges(router: Router, win: Window): void {
  let early: string | null = null;
  const remember = () => {
    early = win.location.hash.replace(/^#/, '') || '/';
  };
  win.addEventListener('hashchange', remember);
  void router.isReady().then(
    () => {
      win.removeEventListener('hashchange', remember);
      if (early !== null && early !== router.currentRoute.value.fullPath) void router.replace(early);
    },
    () => win.removeEventListener('hashchange', remember),
  );
}
