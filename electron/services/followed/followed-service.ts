import type { FollowResult } from '../../../shared/contract/dto';
import { checkOrgNrLines } from '../../../shared/orgnr-lines';
import type { FollowSource } from '../../db/followed';
import type { CacheRegistry } from '../portfolio/cache-registry';
import { parseImportFile, type ParsedImport } from './import-file';

export interface FollowedServiceDeps {
  caches: CacheRegistry;
  clock: () => Date;
}

/**
 * The register of followed org numbers: the borrowers a sync looks up even when the API's list does not carry them.
 * Numbers come typed, pasted or from an imported list; every line is checked (shared/orgnr-lines.ts) before
 * anything is stored.
 */
export class FollowedService {
  constructor(private readonly deps: FollowedServiceDeps) {}

  /** The register, oldest first. */
  list(profileId: string): { orgNr: string; source: string; addedAt: string }[] {
    return this.deps.caches.open(profileId).followed.all();
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
}
