import { z } from 'zod';

/**
 * Zod compiles fast parsers with `new Function`, and probes for it. Under our CSP (no 'unsafe-eval') even the probe
 * is reported as a violation, so every page-side entry point (renderer, preload) imports this module first.
 */
z.config({ jitless: true });
