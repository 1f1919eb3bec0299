/**
 * A desk's push as a process of its own, for the crash test (workflow-crash.test.ts): opens the cache file named in
 * DESK_PUSH_CACHE, pushes its queue to DESK_PUSH_URL with the password in DESK_PUSH_PASSWORD (never on the command
 * line), prints the outcome as one JSON line and exits.
 */
import { openCache } from '../../../electron/db/cache';
import { pushWorkflow } from '../../../electron/services/team/workflow-push';

const cache = openCache('crash', process.env['DESK_PUSH_CACHE']!);
try {
  const r = await pushWorkflow({ cache, databaseUrl: process.env['DESK_PUSH_URL']!, password: process.env['DESK_PUSH_PASSWORD']!, clock: () => new Date() });
  process.stdout.write(`${JSON.stringify({ shared: r.shared, pending: r.pending, reason: r.reason })}\n`);
} finally {
  cache.close();
}
