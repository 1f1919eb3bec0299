import { createPinia } from 'pinia';
import { createApp } from 'vue';
import App from './App.vue';
import { createAppI18n } from './i18n';
import { createAppRouter, followEarlyAddressChanges, prefetchStartView } from './router';
import './styles.css';

prefetchStartView(window);
const router = createAppRouter();
followEarlyAddressChanges(router, window);
createApp(App).use(createPinia()).use(router).use(createAppI18n()).mount('#app');
