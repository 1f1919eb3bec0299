/** The shape of a CLI command; commands/index.ts holds the table (add a command there, e.g. `export`). */
import type { ParseArgsConfig } from 'node:util';
import type { Channel, ChannelInput, ChannelOutput, EventName, EventPayload } from '../../shared/contract';
import type { AppServices } from '../core/container';
import type { AppContext } from '../core/context';
import type { CliIO } from './io';

export type OptionSpec = NonNullable<ParseArgsConfig['options']>;
export type ParsedValues = Record<string, string | boolean | (string | boolean)[] | undefined>;

export interface CommandContext {
  io: CliIO;
  dataDir: string;
  services: AppServices;
  /** What the services were built from (fetch, clock, log, app version): for commands that work beside the table. */
  app: AppContext;
  /** Calls a channel through the same dispatcher as the app (input parsed against the contract); throws AppError. */
  call<C extends Channel>(channel: C, input: ChannelInput<C>): Promise<ChannelOutput<C>>;
  /** Listens to an event the services push (sync:progress ...); returns the unsubscribe function. */
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
  /** Resolves to the profile id for what the user typed (an id or a name), or throws not_found. */
  profileId(idOrName: string | undefined): string;
}

export interface CliCommand {
  /** "profiles add", "sync" ... : the words that select the command. */
  name: string;
  summary: string;
  usage: string;
  options: OptionSpec;
  allowPositionals?: boolean;
  /** Resolves to the exit code: 0 ok, 1 failed, 2 usage; a thrown AppError is printed and exits 1. */
  run(ctx: CommandContext, args: { values: ParsedValues; positionals: string[] }): Promise<number>;
}
