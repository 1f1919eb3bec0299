/**
 * The analyst's settings, one row per key in desk.sqlite's settings table (JSON values). A stored value that no
 * longer fits the schema (written by another version) falls back to its default instead of failing the app.
 */
import os from 'node:os';
import type Database from 'better-sqlite3';
import { checkClassification } from '../../../shared/classification';
import { AppError } from '../../../shared/contract';
import { Settings, type SavedView, type SavedViewInput, type Settings as SettingsT } from '../../../shared/contract/dto';
import { checkViewName } from '../../../shared/portfolio/query';
import { cleanServerText, unsafeCharMessage, type UnsafeCharReason } from '../../../shared/safe-text';
import { checkAnalystName, textRefusalMessage, WORKFLOW_LIMITS } from '../../../shared/workflow';
import { REGISTRY_DEFAULTS } from '../../../shared/registry/defaults';

/** Every setting's default but the analyst's name, which is the OS user's (see {@link osUserName}). */
export const DEFAULT_SETTINGS: Omit<SettingsT, 'analystName'> = {
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
  // The portfolio grid's saved views (for every connection) and the one in use; none: the standard view.
  portfolioViews: [],
  portfolioView: null,
};

type Key = keyof SettingsT;
const KEYS = [...Object.keys(DEFAULT_SETTINGS), 'analystName'] as Key[];

/**
 * The name the OS knows the user by (their login), as one safe line: the author stamp until the analyst types their
 * own name. "analyst" where the OS gives none (no entry for the user id, as in some containers).
 */
export function osUserName(): string {
  let name: string;
  try {
    name = os.userInfo().username;
  } catch {
    name = process.env['USER'] ?? process.env['USERNAME'] ?? '';
  }
  const clean = [...cleanServerText(name)].slice(0, WORKFLOW_LIMITS.name).join('').trim();
  return checkAnalystName(clean).ok ? clean : 'analyst';
}

/**
 * Saved views as the analyst named them, each name checked (shared/portfolio/query.ts checkViewName: one line, not
 * too long, not another view's), trimmed; ids once each. A refusal names the view and its reason.
 */
function checkedViews(views: readonly SavedViewInput[]): SavedView[] {
  const ids = new Set<string>();
  return views.map((v, i) => {
    const c = checkViewName(v.name, views.slice(0, i).map((o) => o.name));
    if (!c.ok) {
      const why = {
        view_name_empty: 'has no name',
        view_name_too_long: `has a name longer than ${c.max} characters`,
        view_name_taken: 'has the name of another view',
      }[c.reason as string];
      const message = why ? `A saved view ${why}.` : unsafeCharMessage('A saved view’s name', { reason: c.reason as UnsafeCharReason, codePoint: c.codePoint ?? '' });
      throw new AppError('invalid_input', message, { field: 'portfolioViews', reason: c.reason, index: i, max: c.max, ...(c.codePoint ? { codePoint: c.codePoint } : {}) });
    }
    if (ids.has(v.id)) throw new AppError('invalid_input', 'Two saved views have the same id.', { field: 'portfolioViews', reason: 'view_id_taken', index: i });
    ids.add(v.id);
    return { ...v, name: c.value };
  });
}

/** A change of some settings; an empty `analystName` goes back to the OS user's name. */
export type SettingsUpdate = Partial<Omit<SettingsT, 'portfolioViews'>> & { portfolioViews?: SavedViewInput[] };

export interface SettingsDeps {
  db: Database.Database;
  /** Whether a profile exists; an active profile must. */
  profileExists: (profileId: string) => boolean;
  /** The analyst's name until they set one: the OS user's by default. */
  defaultAnalystName?: () => string;
}

export class SettingsService {
  private readonly read;
  private readonly write;
  private readonly forget;

  constructor(private readonly deps: SettingsDeps) {
    this.read = deps.db.prepare<[], { key: string; value: string }>('SELECT key, value FROM settings');
    this.write = deps.db.prepare<[string, string]>(
      'INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
    );
    this.forget = deps.db.prepare<[string]>('DELETE FROM settings WHERE key = ?');
  }

  get(): SettingsT {
    const out: Record<string, unknown> = { ...DEFAULT_SETTINGS, analystName: (this.deps.defaultAnalystName ?? osUserName)() };
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
    if (s.portfolioView !== null && !s.portfolioViews.some((v) => v.id === s.portfolioView)) s.portfolioView = null;
    return s;
  }

  update(patch: SettingsUpdate): SettingsT {
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
    if (patch.portfolioViews !== undefined) patch = { ...patch, portfolioViews: checkedViews(patch.portfolioViews) };
    if (patch.portfolioView !== undefined && patch.portfolioView !== null) {
      const views = patch.portfolioViews ?? this.get().portfolioViews;
      if (!views.some((v) => v.id === patch.portfolioView)) {
        throw new AppError('invalid_input', 'There is no saved view with that id.', { field: 'portfolioView', reason: 'view_not_found' });
      }
    }
    // An empty name: back to the OS user's name, which is not stored (it follows the OS's).
    const { analystName, ...rest } = patch;
    let name: string | null | undefined = analystName;
    if (analystName !== undefined && analystName.trim() === '') name = null;
    else if (analystName !== undefined) {
      const c = checkAnalystName(analystName);
      if (!c.ok) {
        throw new AppError('invalid_input', textRefusalMessage('The analyst name', c), {
          field: 'analystName',
          reason: c.reason,
          max: c.max,
          length: c.length,
          ...(c.codePoint ? { codePoint: c.codePoint } : {}),
        });
      }
      name = c.value;
    }
    patch = rest;
    const checked = Settings.omit({ analystName: true }).partial().strict().safeParse(patch);
    if (!checked.success) throw new AppError('invalid_input', 'These settings are not valid.', { issues: checked.error.issues.map((i) => i.message) });
    const p = checked.data;
    if (p.activeProfileId !== undefined && p.activeProfileId !== null && !this.deps.profileExists(p.activeProfileId)) {
      throw new AppError('not_found', `There is no connection profile "${p.activeProfileId}".`, { field: 'activeProfileId' });
    }
    this.deps.db.transaction(() => {
      for (const [k, v] of Object.entries(p)) if (v !== undefined) this.write.run(k, JSON.stringify(v));
      if (name === null) this.forget.run('analystName');
      else if (name !== undefined) this.write.run('analystName', JSON.stringify(name));
    }).immediate();
    return this.get();
  }

  /** Called when a profile is removed: it can no longer be the active one. */
  forgetProfile(profileId: string): void {
    if (this.get().activeProfileId === profileId) this.write.run('activeProfileId', JSON.stringify(null));
  }
}

