/**
 * Status alerts: what Enhetsregisteret says about a borrower's legal standing, as the most severe early warnings.
 * One rule, used by the borrower page, the portfolio's early-warning list, notifications and the pack.
 */
import { text, type LocalizedText } from '../analysis/text';
import type { ForcedDissolutionGround, RegistryUnit } from './dto';

/**
 * In order of severity, most severe first. Konkurs is an opened bankruptcy; a reconstruction (rekonstruksjons-
 * forhandling) or a foreign insolvency is a court procedure in which the bank's claim may be cut; forced dissolution
 * (tvangsavvikling/tvangsoppløsning) is a court-ordered winding up for a missing general manager, auditor, board or
 * accounts; a deleted unit (slettet) no longer exists as a debtor; voluntary winding up (under avvikling) is an
 * orderly liquidation; removed from open data (410) means the registry no longer shows the unit at all, so nothing
 * about it can be checked.
 */
export const STATUS_ALERT_IDS = [
  'bankruptcy',
  'reconstruction',
  'foreign_insolvency',
  'forced_dissolution',
  'deleted',
  'winding_up',
  'removed',
] as const;
export type StatusAlertId = (typeof STATUS_ALERT_IDS)[number];

export interface StatusAlertDefinition {
  id: StatusAlertId;
  /** 1 is the most severe. */
  severity: number;
  name: LocalizedText;
  /** What the alert means and what its date is. */
  definition: LocalizedText;
}

export const STATUS_ALERT_DEFINITIONS: Readonly<Record<StatusAlertId, StatusAlertDefinition>> = {
  bankruptcy: {
    id: 'bankruptcy',
    severity: 1,
    name: text('Bankrupt', 'Konkurs'),
    definition: text(
      'Enhetsregisteret records the unit as bankrupt (konkurs). The date is the date of the bankruptcy ruling.',
      'Enhetsregisteret har registrert enheten som konkurs. Datoen er datoen for konkursåpningen.',
    ),
  },
  reconstruction: {
    id: 'reconstruction',
    severity: 2,
    name: text('Under reconstruction negotiations', 'Under rekonstruksjonsforhandling'),
    definition: text(
      'A reconstruction (rekonstruksjonsforhandling) has been opened; creditors may be asked to accept a cut in their claims. The date is when it was registered.',
      'Det er åpnet rekonstruksjonsforhandling; kreditorene kan bli bedt om å godta nedskrevne krav. Datoen er registreringsdatoen.',
    ),
  },
  foreign_insolvency: {
    id: 'foreign_insolvency',
    severity: 3,
    name: text('Under foreign insolvency proceedings', 'Under utenlandsk insolvensbehandling'),
    definition: text(
      'The unit is under insolvency proceedings abroad. The date is when it was registered.',
      'Enheten er under insolvensbehandling i utlandet. Datoen er registreringsdatoen.',
    ),
  },
  forced_dissolution: {
    id: 'forced_dissolution',
    severity: 4,
    name: text('Under forced dissolution', 'Under tvangsavvikling eller tvangsoppløsning'),
    definition: text(
      'The court is winding the unit up by force (for example for a missing general manager, auditor, board or annual accounts). The date is the earliest ground registered.',
      'Tingretten avvikler enheten med tvang (for eksempel fordi daglig leder, revisor, styre eller årsregnskap mangler). Datoen er den tidligste registrerte grunnen.',
    ),
  },
  deleted: {
    id: 'deleted',
    severity: 5,
    name: text('Deleted', 'Slettet'),
    definition: text(
      'The unit has been deleted from Enhetsregisteret and no longer exists as a debtor. The date is the deletion date.',
      'Enheten er slettet fra Enhetsregisteret og finnes ikke lenger som skyldner. Datoen er slettedatoen.',
    ),
  },
  winding_up: {
    id: 'winding_up',
    severity: 6,
    name: text('Being wound up', 'Under avvikling'),
    definition: text(
      'The owners have resolved to wind the unit up (voluntary liquidation). The date is when the winding up was registered.',
      'Eierne har vedtatt å avvikle enheten (frivillig avvikling). Datoen er når avviklingen ble registrert.',
    ),
  },
  removed: {
    id: 'removed',
    severity: 7,
    name: text('Removed from the open register', 'Fjernet fra det åpne registeret'),
    definition: text(
      'Enhetsregisteret no longer shows the unit in its open data (for legal reasons); its facts were deleted from this cache. The date is the one the registry gives.',
      'Enhetsregisteret viser ikke lenger enheten i de åpne dataene (av juridiske grunner); opplysningene er slettet fra denne lagringen. Datoen er den registeret oppgir.',
    ),
  },
};

/** The text for each ground of forced dissolution, shown with the alert. */
export const FORCED_DISSOLUTION_GROUND_NAMES: Readonly<Record<ForcedDissolutionGround, LocalizedText>> = {
  missing_deletion: text('not deleted when it should have been', 'ikke slettet når den skulle'),
  missing_general_manager: text('no general manager', 'mangler daglig leder'),
  missing_auditor: text('no auditor', 'mangler revisor'),
  missing_accounts: text('annual accounts not filed', 'mangler årsregnskap'),
  deficient_board: text('deficient board', 'mangelfullt styre'),
};

/** One alert on one unit. `date` is null when the registry sets the flag without a date (said so on screen). */
export interface StatusAlert {
  id: StatusAlertId;
  severity: number;
  date: string | null;
  /** For forced dissolution: every ground with its date; otherwise empty. */
  grounds: { ground: ForcedDissolutionGround; date: string }[];
}

/**
 * The status alerts of a unit, most severe first. A unit the registry does not know (404) gives none: that is a
 * finding about the org number, not about the borrower's standing.
 */
export function statusAlerts(unit: RegistryUnit): StatusAlert[] {
  const out: StatusAlert[] = [];
  const add = (id: StatusAlertId, date: string | null, grounds: StatusAlert['grounds'] = []): void => {
    out.push({ id, severity: STATUS_ALERT_DEFINITIONS[id].severity, date, grounds });
  };
  if (unit.status === 'removed') add('removed', unit.deletedDate);
  if (unit.status === 'deleted') add('deleted', unit.deletedDate);
  if (unit.status === 'active') {
    if (unit.bankrupt) add('bankruptcy', unit.bankruptcyDate);
    if (unit.reconstructionDate) add('reconstruction', unit.reconstructionDate);
    if (unit.foreignInsolvencyDate) add('foreign_insolvency', unit.foreignInsolvencyDate);
    if (unit.forcedDissolution || unit.forcedDissolutionGrounds.length > 0) {
      const grounds = [...unit.forcedDissolutionGrounds].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
      add('forced_dissolution', grounds[0]?.date ?? null, grounds);
    }
    if (unit.windingUp) add('winding_up', unit.windingUpDate);
  }
  return out.sort(compareStatusAlerts);
}

/**
 * Orders alerts most severe first; among equals the most recent date first (an undated one last). Use across
 * borrowers too: the portfolio's list puts every status alert before any ratio warning.
 */
export function compareStatusAlerts(a: StatusAlert, b: StatusAlert): number {
  if (a.severity !== b.severity) return a.severity - b.severity;
  if (a.date === b.date) return 0;
  if (a.date === null) return 1;
  if (b.date === null) return -1;
  return a.date < b.date ? 1 : -1;
}

/** The most severe alert of a unit, or null. */
export function worstStatusAlert(unit: RegistryUnit): StatusAlert | null {
  return statusAlerts(unit)[0] ?? null;
}

/** How a unit's status alerts moved between two look-ups: what a notification of the app's own reports. */
export interface StatusAlertChange {
  change: 'new' | 'changed' | 'ended';
  alert: StatusAlertId;
  /** The alert's date now (for `ended`: the date it had). */
  date: string | null;
  /** For `changed`: the date before. */
  previousDate: string | null;
}

/**
 * The changes from `before` (the alerts of the copy kept, or none when the unit was never looked up) to `after`,
 * most severe first: an alert that appears is `new` (also at the first look-up: the analyst learns it then), one
 * whose date moved is `changed`, one that is gone is `ended`. A unit that is now deleted or removed reports only
 * that: the alerts it had before end with it and are not listed one by one.
 */
export function statusAlertChanges(before: readonly StatusAlert[], after: readonly StatusAlert[]): StatusAlertChange[] {
  const was = new Map(before.map((a) => [a.id, a]));
  const now = new Map(after.map((a) => [a.id, a]));
  const out: (StatusAlertChange & { severity: number })[] = [];
  for (const a of after) {
    const old = was.get(a.id);
    if (!old) out.push({ change: 'new', alert: a.id, date: a.date, previousDate: null, severity: a.severity });
    else if (old.date !== a.date) out.push({ change: 'changed', alert: a.id, date: a.date, previousDate: old.date, severity: a.severity });
  }
  const gone = now.has('deleted') || now.has('removed');
  if (!gone) {
    for (const a of before) {
      if (!now.has(a.id)) out.push({ change: 'ended', alert: a.id, date: a.date, previousDate: null, severity: a.severity });
    }
  }
  return out.sort((x, y) => x.severity - y.severity).map(({ severity: _s, ...c }) => c);
}
