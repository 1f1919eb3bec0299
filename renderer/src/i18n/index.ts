import { createI18n } from 'vue-i18n';
import en from './en';
import nb from './nb';

export type MessageSchema = typeof en;

/** nb is the default: the users are Norwegian credit analysts. Numbers and dates use nb-NO either way. */
export function createAppI18n(locale: 'nb' | 'en' = 'nb') {
  return createI18n<[MessageSchema], 'nb' | 'en'>({
    legacy: false,
    locale,
    fallbackLocale: 'en',
    messages: { nb, en },
  });
}
