import { createRouter, createWebHashHistory, type RouteRecordRaw } from 'vue-router';

// Hash history: the same build runs from app://desk and from the browser host without server-side routes.
export const routes: RouteRecordRaw[] = [
  // App.vue decides between the first-run page and the portfolio once it knows the profiles.
  { path: '/', name: 'start', component: () => import('./views/StartView.vue') },
  { path: '/welcome', name: 'welcome', component: () => import('./views/WelcomeView.vue') },
  { path: '/portfolio', name: 'portfolio', component: () => import('./views/PortfolioView.vue') },
  { path: '/borrower/:orgNr', name: 'borrower', component: () => import('./views/BorrowerView.vue'), props: true },
  { path: '/borrower/:orgNr/compare', name: 'compare', component: () => import('./views/CompareView.vue'), props: true },
  { path: '/notifications', name: 'notifications', component: () => import('./views/NotificationsView.vue') },
  { path: '/followed', name: 'followed', component: () => import('./views/FollowedView.vue') },
  { path: '/access', name: 'access', component: () => import('./views/AccessView.vue') },
  { path: '/sync', name: 'sync', component: () => import('./views/SyncView.vue') },
  { path: '/export', name: 'export', component: () => import('./views/ExportView.vue') },
  { path: '/settings', name: 'settings', component: () => import('./views/SettingsView.vue') },
  { path: '/status', name: 'status', component: () => import('./views/StatusView.vue') },
];

export function createAppRouter() {
  return createRouter({ history: createWebHashHistory(), routes });
}
