// Zod must be told "no eval" before any module that parses with it runs. Bundling may hoist shared modules into
// a chunk that executes before this entry's body, so everything else is loaded only after the switch is set.
import '../../shared/contract/csp-safe';
import { takeLaunchToken } from './api/http-transport';

// The launch token leaves the address bar at once, before the app's code has even loaded.
if (!(window as Window & { api?: unknown }).api) takeLaunchToken(window);

void import('./boot');
