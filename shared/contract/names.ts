/**
 * The contract's channel and event names, and how a name becomes a method of the renderer's api object, without
 * the schemas: the renderer builds its api from these alone, so it loads no zod (a third of its start-up code).
 * index.ts proves at compile time that these lists are exactly the contract's keys.
 */
export const CHANNEL_NAMES = [
  'system:status',
  'settings:get',
  'settings:update',
  'connections:list',
  'connections:create',
  'connections:update',
  'connections:remove',
  'connections:test',
  'connections:reachability',
  'sync:start',
  'sync:cancel',
  'sync:status',
  'sync:runs',
  'sync:resetCache',
  'portfolio:list',
  'portfolio:window',
  'portfolio:orgNrs',
  'portfolio:borrower',
  'portfolio:compare',
  'followed:list',
  'followed:follow',
  'followed:unfollow',
  'followed:parseImport',
  'followed:unlinked',
  'followed:attach',
  'limits:thresholds',
  'limits:setThresholds',
  'limits:setCovenants',
  'notifications:list',
  'notifications:markRead',
  'notifications:summary',
  'registry:proposals',
  'access:request',
  'access:list',
  'access:check',
  'access:exportLinks',
  'workflow:borrower',
  'workflow:portfolio',
  'workflow:addNote',
  'workflow:editNote',
  'workflow:deleteNote',
  'workflow:setWatch',
  'workflow:assign',
  'workflow:saveAssessment',
  'export:pack',
  'export:table',
  'export:portfolioTable',
  'export:cancel',
  'export:result',
  'export:showInFolder',
  'export:summary',
  'export:printPdf',
] as const;

export const EVENT_NAMES = ['sync:progress', 'sync:finished', 'export:progress', 'export:finished', 'notifications:changed', 'connections:changed', 'workflow:shared'] as const;

export type ChannelName = (typeof CHANNEL_NAMES)[number];
export type EventName = (typeof EVENT_NAMES)[number];

/** Where a call or an event sits on the api object: `api[domain][method]`. */
export interface ApiPath {
  domain: string;
  method: string;
}

/** "portfolio:list" -> api.portfolio.list */
export function channelPath(channel: string): ApiPath {
  const i = channel.indexOf(':');
  return { domain: channel.slice(0, i), method: channel.slice(i + 1) };
}

/** "sync:progress" -> api.sync.onProgress */
export function eventPath(event: string): ApiPath {
  const { domain, method: verb } = channelPath(event);
  return { domain, method: `on${verb.slice(0, 1).toUpperCase()}${verb.slice(1)}` };
}

/** An object of the api's shape: a record of methods per domain. */
export type ApiShape<F> = Record<string, Record<string, F>>;

/**
 * The api object's shape, `api[domain][method]` for every channel and event, each method made by the given
 * function. The preload (window.api) and the renderer's api object are both built here, so a name becomes a
 * domain and a method in this one file.
 */
export function buildApi<F>(forChannel: (channel: ChannelName) => F, forEvent: (event: EventName) => F): ApiShape<F> {
  const api: ApiShape<F> = {};
  const put = ({ domain, method }: ApiPath, fn: F) => {
    (api[domain] ??= {})[method] = fn;
  };
  for (const name of CHANNEL_NAMES) put(channelPath(name), forChannel(name));
  for (const name of EVENT_NAMES) put(eventPath(name), forEvent(name));
  return api;
}

/** The method an object of the api's shape holds at `path` (an own property only), or undefined. */
export function methodAt<F>(api: Readonly<Record<string, Readonly<Record<string, F>> | undefined>>, { domain, method }: ApiPath): F | undefined {
  const methods = Object.prototype.hasOwnProperty.call(api, domain) ? api[domain] : undefined;
  return methods && Object.prototype.hasOwnProperty.call(methods, method) ? methods[method] : undefined;
}
