#!/usr/bin/env node
// The headless CLI with no npm in between. `npm run cli -- ...` works too, but npm writes every argument into its
// debug log (~/.npm/_logs) before the CLI starts, so anything typed there, a mistyped secret included, is on disk
// before the CLI can refuse it. Secrets are read only from a hidden prompt or stdin (--secret-stdin).
import { register } from 'tsx/esm/api';

register();
await import('../electron/cli/main.ts');
