import fs from 'node:fs';
import { createRequire } from 'node:module';

/** The Electron binary's path, or the reason there is none (on this project's CI machine: not downloadable). */
export function electronBinary(): { path: string } | { reason: string } {
  try {
    const require = createRequire(import.meta.url);
    const p = require('electron') as unknown;
    if (typeof p === 'string' && fs.existsSync(p)) return { path: p };
    return { reason: `the Electron binary is not installed (${String(p)} does not exist)` };
  } catch (e) {
    return {
      reason: `the Electron binary is not installed (${e instanceof Error ? e.message.split('\n')[0] : String(e)}); ` +
        'it cannot be downloaded on this machine, so the desktop app is tested through the browser host instead',
    };
  }
}
