/**
 * The analyst's settings, one row per key in desk.sqlite's settings table (JSON values). A stored value that no
 * longer fits the schema (written by another version) falls back to its default instead of failing the app.
 */
import type Database from 'better-sqlite3';
import { checkClassification } from '../../../shared/classification';
import { AppError } from '../../../shared/contract';
import { Settings, type Settings as SettingsT } from '../../../shared/contract/dto';
import { REGISTRY_DEFAULTS } from '../../../shared/registry/defaults';

export const DEFAULT_SETTINGS: SettingsT = {
  language: 'nb',
  amountFormat: 'nok',
  theme: 'system',
  // The Demo profile exists from the first start, so the app opens on something that works.
  activeProfileId: 'demo',
  staleAfterDays: 45,
  portfolioColumns: null,
  // On unless the bank forbids registry calls: the registry is open data and needs no credentials.
  registryEnabled: REGISTRY_DEFAULTS.enabled,
  // The export's language picks the word ("Fortrolig" / "Confidential") until the analyst sets the bank's own.
  classification: null,
};

type Key = keyof SettingsT;
const KEYS = Object.keys(DEFAULT_SETTINGS) as Key[];

export interface SettingsDeps {
  db: Database.Database;
  /** Whether a profile exists; an active profile must. */
  profileExists: (profileId: string) => boolean;
}

export class SettingsService {
  private readonly read;
  private readonly write;

  constructor(private readonly deps: SettingsDeps) {
    this.read = deps.db.prepare<[], { key: string; value: string }>('SELECT key, value FROM settings');
    this.write = deps.db.prepare<[string, string]>(
      'INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
    );
  }

  get(): SettingsT {
    const out: Record<string, unknown> = { ...DEFAULT_SETTINGS };
    for (const { key, value } of this.read.all()) {
      if (!(KEYS as string[]).includes(key)) continue;
      try {
        const parsed = Settings.shape[key as Key].safeParse(JSON.parse(value));
        if (parsed.success) out[key] = parsed.data;
      } catch {
        // Unreadable value: keep the default.
      }
    }
    const s = out as SettingsT;
    if (s.activeProfileId !== null && !this.deps.profileExists(s.activeProfileId)) s.activeProfileId = null;
    return s;
  }

  update(patch: Partial<SettingsT>): SettingsT {
    if (typeof patch.classification === 'string') {
      const c = checkClassification(patch.classification);
      if (!c.ok) {
        const why = {
          classification_empty: 'is empty (clear it to use the default)',
          classification_too_long: `is ${c.length} characters long; at most ${c.max} fit in a page footer`,
          classification_control_characters: 'must be one line without tabs or control characters',
        }[c.reason];
        throw new AppError('invalid_input', `The classification label ${why}.`, { field: 'classification', reason: c.reason, max: c.max, length: c.length });
      }
      patch = { ...patch, classification: c.label };
    }
    const checked = Settings.partial().strict().safeParse(patch);
    if (!checked.success) throw new AppError('invalid_input', 'These settings are not valid.', { issues: checked.error.issues.map((i) => i.message) });
    const p = checked.data;
    if (p.activeProfileId !== undefined && p.activeProfileId !== null && !this.deps.profileExists(p.activeProfileId)) {
      throw new AppError('not_found', `There is no connection profile "${p.activeProfileId}".`, { field: 'activeProfileId' });
    }
    this.deps.db.transaction(() => {
      for (const [k, v] of Object.entries(p)) if (v !== undefined) this.write.run(k, JSON.stringify(v));
    }).immediate();
    return this.get();
  }

  /** Called when a profile is removed: it can no longer be the active one. */
  forgetProfile(profileId: string): void {
    if (this.get().activeProfileId === profileId) this.write.run('activeProfileId', JSON.stringify(null));
  }
}

