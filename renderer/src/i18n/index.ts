import { computed, type ComputedRef } from 'vue';
import { createI18n, useI18n } from 'vue-i18n';
import en from './en';
import nb from './nb';

export type MessageSchema = typeof en;
/** What is read of the app's i18n outside components: its locale. */
type AppI18n = { global: { locale: { value: string } } };

let current: AppI18n | null = null;

/**
 * nb is the default: the users are Norwegian credit analysts. Numbers and dates follow the language (nb-NO or
 * en-GB, renderer/src/lib/format.ts), set by App.vue from the analyst's setting.
 */
export function createAppI18n(locale: 'nb' | 'en' = 'nb') {
  const i18n = createI18n<[MessageSchema], 'nb' | 'en'>({
    legacy: false,
    locale,
    fallbackLocale: 'en',
    messages: { nb, en },
  });
  current = i18n as unknown as AppI18n;
  return i18n;
}

/**
 * The language the app is shown in now (the i18n locale, reactive): what stores word their errors in, so a
 * message and the screen around it are in the same language. nb before the app has made its i18n.
 */
export function uiLanguage(): 'nb' | 'en' {
  return current?.global.locale.value === 'en' ? 'en' : 'nb';
}

/** The shown language as a ref, for a component's number and date formats and its worded codes. */
export function useLanguage(): ComputedRef<'nb' | 'en'> {
  const { locale } = useI18n();
  return computed(() => (locale.value === 'en' ? 'en' : 'nb'));
}
