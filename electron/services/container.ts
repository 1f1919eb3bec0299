/**
 * The composition root: builds every service from the AppContext and returns the handler table that both
 * bindings serve, plus a close function. No module-level singletons anywhere else.
 */
import fs from 'node:fs';
import { AppError, CHANNELS, type Channel, type Handlers } from '../../shared/contract';
import { systemHandlers } from '../ipc/domains/system';
import type { AppContext } from './context';

export interface AppServices {
  handlers: Handlers;
  /** Finished exports by id, for the browser host's download route. */
  resolveDownload?: (exportId: string) => { path: string; fileName: string } | null;
  close(): Promise<void>;
}

function notYet(channel: Channel) {
  return async (): Promise<never> => {
    throw new AppError('internal', `${channel} is not available in this build yet.`);
  };
}

export async function createAppServices(ctx: AppContext): Promise<AppServices> {
  fs.mkdirSync(ctx.dataDir, { recursive: true });
  const implemented: Partial<Handlers> = {
    ...systemHandlers(ctx),
  };
  const handlers = Object.fromEntries(CHANNELS.map((c) => [c, implemented[c] ?? notYet(c)])) as Handlers;
  return {
    handlers,
    async close() {},
  };
}
