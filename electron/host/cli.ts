/**
 * `npm run web`: serves the built renderer and the handler table on 127.0.0.1 and prints the URL with its
 * per-launch token. Flags: --port N (default: a free port), --data-dir DIR (or SYMETRISK_DESK_DATA).
 */
import '../core/runtime-guard';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import type { Emit } from '../../shared/contract';
import { createAppServices } from '../core/container';
import { createAppContext } from '../core/context';
import { KeytarCredentialStore } from '../services/credentials/keytar-store';
import { resolveDataDir, restrictUmask } from '../services/data-dir';
import { createFileLogger } from '../services/log';
import { sourcePackWorker } from '../services/export/source-pack-worker';
import { sourceWriterWorker } from '../services/sync/source-writer-worker';
import { startHost } from './server';

const here = path.dirname(fileURLToPath(import.meta.url));

async function main(): Promise<void> {
  // Before anything is written: the data folder, its caches, logs and exports private to the user.
  restrictUmask();
  const { values } = parseArgs({
    options: { port: { type: 'string' }, 'data-dir': { type: 'string' }, 'renderer-dir': { type: 'string' } },
    strict: true,
  });
  const port = values.port === undefined ? 0 : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port must be a port number, not ${values.port}`);
  const dataDir = resolveDataDir(values['data-dir']);
  const log = createFileLogger(dataDir);
  let emitToHost: Emit = () => {};
  const services = await createAppServices(
    createAppContext({
      dataDir,
      host: 'browser',
      credentials: new KeytarCredentialStore(),
      // The host's event stream exists only once it listens, after the services are built.
      emit: (event, payload) => emitToHost(event, payload),
      log,
      startWriterWorker: sourceWriterWorker(),
      startPackWorker: sourcePackWorker(),
    }),
  );
  const host = await startHost({
    handlers: services.handlers,
    rendererDir: values['renderer-dir'] ?? path.resolve(here, '../../out/renderer'),
    port,
    // Outputs are checked against the contract in tests (the e2e suite sets this), not on every call of a running
    // app: at 10,000 borrowers the portfolio list's check alone costs a fifth of a second. Inputs are always checked.
    validateOutput: process.env['SYMETRISK_DESK_CHECK_OUTPUT'] === '1',
    resolveDownload: services.resolveDownload,
    onInternalError: (channel, error) => log.error('handler failed', { channel, error }),
  });
  emitToHost = host.emit;
  process.stdout.write(
    `Symetrisk Desk (browser host) is running.\n` +
      `  Open: ${host.url}\n` +
      `  Data folder: ${dataDir}\n` +
      `  Only this machine can connect (127.0.0.1); the link carries this launch's token. Ctrl-C stops it.\n`,
  );
  const stop = async () => {
    await host.close();
    await services.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
}

main().catch((e: unknown) => {
  process.stderr.write(`Could not start the browser host: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});
