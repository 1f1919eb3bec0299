import { createRouter, createWebHashHistory, type RouteRecordRaw } from 'vue-router';

// Hash history: the same build runs from app://desk and from the browser host without server-side routes.
export const routes: RouteRecordRaw[] = [
  { path: '/', redirect: '/status' },
  { path: '/status', name: 'status', component: () => import('./views/StatusView.vue') },
];

export function createAppRouter() {
  return createRouter({ history: createWebHashHistory(), routes });
}
