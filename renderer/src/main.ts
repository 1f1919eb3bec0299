import { takeLaunchToken } from './api/http-transport';

// The launch token leaves the address bar at once, before the app's code has even loaded.
if (!(window as Window & { api?: unknown }).api) takeLaunchToken(window);

void import('./boot');
