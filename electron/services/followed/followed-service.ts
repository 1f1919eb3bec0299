import type { AttachOutcome, Followed, FollowResult, UnlinkedRelationship } from '../../../shared/contract/dto';
import { checkOrgNrLines } from '../../../shared/orgnr-lines';
import type { FollowSource } from '../../db/followed';
import type { CacheRegistry } from '../portfolio/cache-registry';
import type { SymetriskClient } from '../symetrisk/client';
import { attachOrgNr } from './attach';
import { parseImportFile, type ParsedImport } from './import-file';

export interface FollowedServiceDeps {
  caches: CacheRegistry;
  clock: () => Date;
  /** The profile's API client: attaching a number is confirmed with GET /relationship/{orgNr}. */
  client: (profileId: string) => Promise<Pick<SymetriskClient, 'relationship'>>;
  /** Run before the register is read (the Demo follows its bank's customer list in a new cache, demo.ts). */
  prepare?: (profileId: string) => Promise<void>;
}

/**
 * The register of followed org numbers: the borrowers a sync looks up, since the API's list carries no numbers.
 * Numbers come typed, pasted or from an imported list; every line is checked (shared/orgnr-lines.ts) before
 * anything is stored. Relationships of the list that no number keys are listed as unlinked, and a number attached
 * to one is linked once Symetrisk confirms it (attach.ts).
 */
export class FollowedService {
  constructor(private readonly deps: FollowedServiceDeps) {}

  /**
   * Resolves once the register may be read or changed: the Demo's customer list is followed first in a new cache, so
   * that a number the analyst adds before is not taken for a register already in use.
   */
  async ready(profileId: string): Promise<void> {
    await this.deps.prepare?.(profileId);
  }

  /** The register, oldest first, each number with its last look-up at Symetrisk and, once linked, its borrower. */
  async list(profileId: string): Promise<Followed[]> {
    await this.ready(profileId);
    return this.deps.caches.open(profileId).followed.list();
  }

  /**
   * Follows the valid lines in one transaction; each refused line comes back with its reason. A number repeated
   * on a later line counts once and is not refused.
   */
  follow(profileId: string, lines: readonly string[], source: Extract<FollowSource, 'typed' | 'import'> = 'typed'): FollowResult {
    const cache = this.deps.caches.open(profileId);
    const now = this.deps.clock().toISOString();
    const result: FollowResult = { added: [], alreadyFollowed: [], rejected: [] };
    const checks = checkOrgNrLines(lines);
    cache.db.transaction(() => {
      for (const c of checks) {
        if (c.reason === 'duplicate') continue; // the first occurrence already counts
        if (!c.ok || !c.orgNr) {
          result.rejected.push({ line: c.line, input: c.input, reason: c.reason ?? 'not_digits', message: c.message, ...(c.digits !== undefined ? { digits: c.digits } : {}) });
        } else if (cache.followed.add(c.orgNr, source, now)) result.added.push(c.orgNr);
        else result.alreadyFollowed.push(c.orgNr);
      }
    }).immediate();
    return result;
  }

  /** Stops following; the borrowers' cached data is kept. Returns how many were followed. */
  unfollow(profileId: string, orgNrs: readonly string[]): number {
    return this.deps.caches.open(profileId).followed.remove(orgNrs);
  }

  /** Reads an imported list's org number column as lines; nothing is stored until they are followed. */
  parseImport(fileName: string, content: Buffer): Promise<ParsedImport> {
    return parseImportFile(fileName, content);
  }

  /** The relationships of the bank's list that no org number keys yet, in name order (as the last sync found them). */
  unlinked(profileId: string): UnlinkedRelationship[] {
    return this.deps.caches.open(profileId).unlinked.all();
  }

  /**
   * Attaches a candidate org number (typed or pasted, spaces allowed; or proposed by name) to an unlinked relationship,
   * linking it only when Symetrisk answers the number with that relationship. See attachOrgNr.
   */
  async attach(profileId: string, relationshipId: string, candidate: string, signal?: AbortSignal): Promise<AttachOutcome> {
    const cache = this.deps.caches.open(profileId);
    const client = await this.deps.client(profileId);
    return attachOrgNr({ cache, client, now: () => this.deps.clock().toISOString(), ...(signal ? { signal } : {}) }, relationshipId, candidate);
  }
}
