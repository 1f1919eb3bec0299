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
  'portfolio:borrower',
  'portfolio:compare',
  'portfolio:followed',
  'portfolio:follow',
  'portfolio:parseImport',
  'portfolio:unfollow',
  'portfolio:thresholds',
  'portfolio:setThresholds',
  'portfolio:setCovenants',
  'notifications:list',
  'notifications:markRead',
  'access:request',
  'access:list',
  'access:validate',
  'export:pack',
  'export:table',
  'export:cancel',
  'export:result',
  'export:showInFolder',
] as const;

export const EVENT_NAMES = ['sync:progress', 'sync:finished', 'export:progress', 'export:finished', 'notifications:changed', 'connections:changed'] as const;

export type ChannelName = (typeof CHANNEL_NAMES)[number];
export type EventName = (typeof EVENT_NAMES)[number];

export function splitChannel(c: string): { domain: string; verb: string } {
  const i = c.indexOf(':');
  return { domain: c.slice(0, i), verb: c.slice(i + 1) };
}

/** "sync:progress" -> { domain: "sync", method: "onProgress" } */
export function eventMethod(e: string): { domain: string; method: string } {
  const { domain, verb } = splitChannel(e);
  return { domain, method: `on${verb[0]!.toUpperCase()}${verb.slice(1)}` };
}
