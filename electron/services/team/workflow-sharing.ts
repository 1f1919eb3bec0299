/**
 * When a team connection's queued versions are pushed (workflow-push.ts): soon after each save, and as the first
 * step of the connection's sync (replica-service.ts). One push per profile at a time; a push asked for while one
 * runs is done once more after it, so a version saved during a push is not left waiting for the next save. Every
 * push that had something to share ends with `workflow:shared` (what went, what waits and why), which the borrower
 * page listens to.
 */
import { AppError, isAppError, type Emit } from '../../../shared/contract';
import type { ResolvedTeamConnection } from '../connections/connection-resolver';
import type { ProfileStore } from '../connections/profile-store';
import type { Logger } from '../log';
import type { CacheRegistry } from '../portfolio/cache-registry';
import { pushWorkflow, type PushResult } from './workflow-push';

export interface WorkflowSharingDeps {
  profiles: Pick<ProfileStore, 'get'>;
  /** ConnectionResolver.team: the database URL and the role's password from the keychain. */
  resolveTeam: (profileId: string) => Promise<ResolvedTeamConnection>;
  caches: Pick<CacheRegistry, 'open'>;
  clock: () => Date;
  log: Logger;
  emit: Emit;
  connectTimeoutMs?: number;
}

interface Running {
  again: boolean;
  done: Promise<PushResult>;
}

export class WorkflowSharing {
  private readonly running = new Map<string, Running>();
  private closed = false;

  constructor(private readonly deps: WorkflowSharingDeps) {}

  /** Whether what the analyst writes on this profile goes to a team database: a team connection's. */
  shares(profileId: string): boolean {
    return this.deps.profiles.get(profileId)?.environment === 'team';
  }

  /** A version was saved on the profile: shares it now, in the background (the save has already answered). */
  saved(profileId: string): void {
    if (this.closed || !this.shares(profileId)) return;
    this.push(profileId).catch((e: unknown) => this.deps.log.warn('team push: failed', { profileId, error: e }));
  }

  /**
   * Pushes the profile's queue and resolves with the outcome (never rejects for a team database that cannot be
   * reached: that is the outcome). During a push of the profile, resolves when the one after it has run.
   */
  push(profileId: string): Promise<PushResult> {
    const r = this.running.get(profileId);
    if (r) {
      r.again = true;
      return r.done;
    }
    // `done` is set at once below; the loop's first step runs only after this call returns (an await comes first).
    const entry = { again: false } as Running;
    entry.done = (async () => {
      try {
        for (;;) {
          entry.again = false;
          const result = await this.once(profileId);
          // Leaves the map in the same step as this check, so a request after it starts a push of its own.
          if (!entry.again || this.closed) return result;
        }
      } finally {
        this.running.delete(profileId);
      }
    })();
    this.running.set(profileId, entry);
    return entry.done;
  }

  /** Waits for the pushes under way; no new one starts. */
  async close(): Promise<void> {
    this.closed = true;
    await Promise.allSettled([...this.running.values()].map((r) => r.done));
  }

  private async once(profileId: string): Promise<PushResult> {
    const cache = this.deps.caches.open(profileId);
    const queued = cache.workflow.unsharedCount();
    if (queued === 0) return { shared: 0, pending: 0, refused: [], reason: null, error: null };
    let result: PushResult;
    try {
      const conn = await this.deps.resolveTeam(profileId);
      result = await pushWorkflow({
        cache,
        databaseUrl: conn.databaseUrl,
        password: conn.password,
        clock: this.deps.clock,
        log: this.deps.log,
        ...(this.deps.connectTimeoutMs !== undefined ? { connectTimeoutMs: this.deps.connectTimeoutMs } : {}),
      });
    } catch (e) {
      // No password in the keychain, the keychain locked, no longer a team connection: the versions wait.
      const err = isAppError(e) ? e : new AppError('internal', e instanceof Error ? e.message : String(e));
      const reason = stringDetail(err, 'reason') ?? stringDetail(err, 'problem') ?? err.code;
      cache.workflow.markWaiting(0, reason, this.deps.clock().toISOString());
      result = { shared: 0, pending: cache.workflow.unsharedCount(), refused: [], reason, error: err };
    }
    this.deps.emit('workflow:shared', { profileId, shared: result.shared, pending: result.pending, reason: result.pending > 0 ? result.reason : null });
    return result;
  }
}

function stringDetail(e: AppError, key: string): string | null {
  const v = e.details?.[key];
  return typeof v === 'string' ? v : null;
}
