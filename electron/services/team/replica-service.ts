/**
 * Team connections' replicas as the sync service runs them: for a team connection, `sync:start` copies the team
 * database into the profile's cache (replicator.ts) instead of asking Symetrisk, through the same run records,
 * progress and finished events, so the sync view, the CLI's `sync` and every screen after it work unchanged.
 * Before the copy, the analyst's versions still queued are pushed (workflow-sharing.ts), so the copy brings back
 * the team's versions with this desk's among them.
 */
import type { SyncRun } from '../../../shared/contract/dto';
import type { ResolvedTeamConnection } from '../connections/connection-resolver';
import type { ProfileStore } from '../connections/profile-store';
import type { Logger } from '../log';
import type { ReplicaRunner } from '../sync/sync-service';
import { replicateTeam } from './replicator';

export interface TeamReplicasDeps {
  profiles: Pick<ProfileStore, 'get'>;
  /** ConnectionResolver.team: the database URL and the role's password from the keychain. */
  resolveTeam: (profileId: string) => Promise<ResolvedTeamConnection>;
  clock: () => Date;
  log: Logger;
  /** Told the bank's name the team database holds, so the profile shows it (as a connection test would). */
  onBank?: (profileId: string, bankName: string) => void;
  /** Pushes the profile's queued versions (WorkflowSharing.push); its outcome is its own, the copy runs regardless. */
  share?: (profileId: string) => Promise<unknown>;
}

export class TeamReplicas {
  constructor(private readonly deps: TeamReplicasDeps) {}

  /**
   * The replica's runner for a team connection, null for any other profile. Resolves the password first, so a
   * missing one fails the start (auth_failed, problem no_secret) before a run is recorded.
   */
  async runnerFor(profileId: string): Promise<ReplicaRunner | null> {
    if (this.deps.profiles.get(profileId)?.environment !== 'team') return null;
    const conn = await this.deps.resolveTeam(profileId);
    return async (o): Promise<SyncRun> => {
      await this.deps.share?.(profileId).catch((e: unknown) => this.deps.log.warn('team push: failed before the copy', { profileId, error: e }));
      const r = await replicateTeam({
        profileId,
        runId: o.runId,
        cache: o.cache,
        databaseUrl: conn.databaseUrl,
        password: conn.password,
        clock: this.deps.clock,
        log: this.deps.log,
        signal: o.signal,
        ...(o.onProgress ? { onProgress: o.onProgress } : {}),
      });
      if (r.bankName) this.deps.onBank?.(profileId, r.bankName);
      return r.run;
    };
  }
}
