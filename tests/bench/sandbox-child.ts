/**
 * The sandbox in its own process for the benchmarks: on a 2-core machine the server must not share the client's
 * event loop, or every figure would measure both at once. Options come as one JSON argument; prints
 * `SANDBOX <origin>` when listening and runs until SIGTERM.
 */
import { startSandbox, type SandboxOptions } from '../../electron/sandbox/index';

const raw = JSON.parse(process.argv[2] ?? '{}') as SandboxOptions & { now?: string };
const sb = await startSandbox({ ...raw, now: raw.now ? new Date(raw.now) : undefined, port: 0 });
process.stdout.write(`SANDBOX ${sb.origin}\n`);
const stop = (): void => {
  void sb.close().then(() => process.exit(0));
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
