import type { Language } from '../../../shared/analysis';
import type { dto } from '../../../shared/contract';
import { STATUS_ALERT_DEFINITIONS } from '../../../shared/registry/status-alerts';
import { fmtDate } from './format';

type Translate = (key: string, values?: Record<string, unknown>) => string;

// Symetrisk's notification types the app has seen (the document shows `information`; the sandbox also sends
// `data_refresh`, `warning` and `error`): worded in pages.notificationType, any other as "Annet varsel".
const KNOWN_TYPES = new Set(['information', 'data_refresh', 'warning', 'error']);

/**
 * A notification's type as the analyst reads it, never its code: the app's own (a status alert from the registry)
 * and Symetrisk's known types worded; a type not seen before is named as another notification.
 */
export function notificationType(n: dto.NotificationRow, t: Translate): string {
  if (n.app) return t('registry.notification.type');
  return t(KNOWN_TYPES.has(n.type) ? `pages.notificationType.${n.type}` : 'pages.notificationType.other');
}

/**
 * A notification's text: Symetrisk's own words as sent; the app's own worded in the analyst's language from its
 * fields, with the borrower's name ("NORDLYS BYGG AS: Konkurs fra 10.11.2026.").
 */
export function notificationText(n: dto.NotificationRow, t: Translate, lang: Language): string {
  const a = n.app;
  if (!a) return n.text;
  const alert = STATUS_ALERT_DEFINITIONS[a.alert].name[lang];
  const date = (d: string | null) => (d ? fmtDate(d, lang) : t('registry.notification.noDate'));
  switch (a.change) {
    case 'new':
      return t('registry.notification.new', { name: a.name, alert, when: a.date ? t('registry.alerts.since', { date: fmtDate(a.date, lang) }) : t('registry.notification.noDate') });
    case 'changed':
      return t('registry.notification.changed', { name: a.name, alert, from: date(a.previousDate), to: date(a.date) });
    case 'ended':
      return t('registry.notification.ended', { name: a.name, alert: alert.toLocaleLowerCase(lang === 'nb' ? 'nb-NO' : 'en') });
  }
}
