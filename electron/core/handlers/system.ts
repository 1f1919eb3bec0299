import type { Handlers } from '../../../shared/contract';
import type { AppContext } from '../context';

export function systemHandlers(ctx: AppContext): Pick<Handlers, 'system:status'> {
  return {
    'system:status': async () => ({
      appName: ctx.appName,
      appVersion: ctx.appVersion,
      host: ctx.host === 'electron' ? 'electron' : 'browser',
      dataDir: ctx.dataDir,
      runtime: {
        node: process.versions.node,
        v8: process.versions.v8,
        electron: ctx.runtime.electron,
        chrome: ctx.runtime.chrome,
        platform: process.platform,
        arch: process.arch,
      },
      startedAt: ctx.startedAt.toISOString(),
    }),
  };
}
