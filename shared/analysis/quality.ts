import { KNOWN_FORMAT_VERSIONS } from '../symetrisk/defaults';
import type { AccountingItem } from '../symetrisk/schemas';
import { toDayNumber } from './dates';
import { IDENTITY_DEFINITIONS, reconcile, type IdentityCheck } from './reconciliation';
import { text, type LocalizedText } from './text';

/** Data-quality flags raised on a snapshot. */
export const QUALITY_FLAG_CODES = ['short_period', 'unknown_format_version', 'stale_data', 'broken_identity'] as const;
export type QualityFlagCode = (typeof QUALITY_FLAG_CODES)[number];

/** Periods shorter than this many days give unreliable annualised figures. */
export const SHORT_PERIOD_DAYS = 90;
/** Default for "data older than N days"; the caller passes its own setting. */
export const DEFAULT_MAX_DATA_AGE_DAYS = 45;

export interface QualityFlagDefinition {
  code: QualityFlagCode;
  name: LocalizedText;
  definition: LocalizedText;
}

export const QUALITY_FLAG_DEFINITIONS: Readonly<Record<QualityFlagCode, QualityFlagDefinition>> = {
  short_period: {
    code: 'short_period',
    name: text('Short period', 'Kort periode'),
    definition: text(
      `The period covers fewer than ${SHORT_PERIOD_DAYS} days (days_included); annualised figures are unreliable.`,
      `Perioden dekker færre enn ${SHORT_PERIOD_DAYS} dager med tall; annualiserte tall er usikre.`,
    ),
  },
  unknown_format_version: {
    code: 'unknown_format_version',
    name: text('Unknown format version', 'Ukjent formatversjon'),
    definition: text(
      'The snapshot’s format version is not one the app has been tested on.',
      'Regnskapsuttrekkets formatversjon er ikke en appen er testet mot.',
    ),
  },
  stale_data: {
    code: 'stale_data',
    name: text('Old data', 'Gamle data'),
    definition: text(
      'More than the set number of days have passed since the snapshot date (the date the books were read), counted in whole days to today.',
      'Det har gått flere enn det innstilte antallet dager siden uttrekksdatoen (datoen regnskapet ble lest), regnet i hele dager til i dag.',
    ),
  },
  broken_identity: {
    code: 'broken_identity',
    name: text('Broken identity', 'Brutt identitet'),
    definition: text(
      'At least one accounting identity differs by more than half a cent (NOK 0.005).',
      'Minst én regnskapsidentitet avviker med mer enn en halv øre (NOK 0,005).',
    ),
  },
};

export type QualityFlag =
  | { code: 'short_period'; message: LocalizedText; daysIncluded: number }
  | { code: 'unknown_format_version'; message: LocalizedText; formatVersion: string }
  | { code: 'stale_data'; message: LocalizedText; ageDays: number; maxAgeDays: number }
  | { code: 'broken_identity'; message: LocalizedText; broken: IdentityCheck[] };

export interface QualityOptions {
  /** The present moment (injected: no hidden clock). */
  now: Date;
  /** Flag data older than this many days; default {@link DEFAULT_MAX_DATA_AGE_DAYS}. */
  maxAgeDays?: number;
  /** Format versions the app is tested on; default KNOWN_FORMAT_VERSIONS. */
  knownFormatVersions?: readonly string[];
}

/** Whole days from the snapshot date to `now`'s UTC date (0 on the same day). */
export function dataAgeDays(item: AccountingItem, now: Date): number {
  const today = Math.floor(now.getTime() / 86_400_000);
  return today - toDayNumber(item.snapshotDate);
}

/** Every data-quality flag that applies to the snapshot (an empty array when none). */
export function qualityFlags(item: AccountingItem, options: QualityOptions): QualityFlag[] {
  const flags: QualityFlag[] = [];
  const d = item.data;
  if (d.days_included < SHORT_PERIOD_DAYS) {
    flags.push({
      code: 'short_period',
      daysIncluded: d.days_included,
      message: text(
        `Only ${d.days_included} days of data (fewer than ${SHORT_PERIOD_DAYS}).`,
        `Bare ${d.days_included} dager med data (færre enn ${SHORT_PERIOD_DAYS}).`,
      ),
    });
  }
  const version = d.symetrisk_real_time_accounts_format_version;
  if (!(options.knownFormatVersions ?? KNOWN_FORMAT_VERSIONS).includes(version)) {
    flags.push({
      code: 'unknown_format_version',
      formatVersion: version,
      message: text(`Format version ${version} has not been tested.`, `Formatversjon ${version} er ikke testet.`),
    });
  }
  const maxAgeDays = options.maxAgeDays ?? DEFAULT_MAX_DATA_AGE_DAYS;
  const ageDays = dataAgeDays(item, options.now);
  if (ageDays > maxAgeDays) {
    flags.push({
      code: 'stale_data',
      ageDays,
      maxAgeDays,
      message: text(`Data are ${ageDays} days old (limit ${maxAgeDays}).`, `Dataene er ${ageDays} dager gamle (grense ${maxAgeDays}).`),
    });
  }
  const broken = reconcile(d).checks.filter((c) => !c.holds);
  if (broken.length > 0) {
    flags.push({
      code: 'broken_identity',
      broken,
      message: text(
        `Identity does not hold: ${broken.map((c) => IDENTITY_DEFINITIONS[c.id].formula).join('; ')}.`,
        `Identitet stemmer ikke: ${broken.map((c) => IDENTITY_DEFINITIONS[c.id].formula).join('; ')}.`,
      ),
    });
  }
  return flags;
}
