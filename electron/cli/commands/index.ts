/**
 * The command table. Each entry is another binding of the app's handler table (see ../command.ts); to add a
 * command (e.g. `export`), write it beside these and list it here.
 */
import type { CliCommand } from '../command';
import { borrower } from './borrower';
import { exportPack } from './export';
import { follow } from './follow';
import { profilesAdd, profilesList, profilesRemove, profilesSecret, profilesTest } from './profiles';
import { status } from './status';
import { sync } from './sync';
import { teamFollowCommand, teamSync, teamUnfollowCommand } from './team';

export const COMMANDS: readonly CliCommand[] = [profilesList, profilesAdd, profilesRemove, profilesTest, profilesSecret, follow, sync, teamSync, teamFollowCommand, teamUnfollowCommand, status, borrower, exportPack];
