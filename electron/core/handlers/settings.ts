import type { Handlers } from '../../../shared/contract';
import type { SettingsService } from '../../services/settings/settings-service';

/** The settings:* channels. */
export function settingsHandlers(settings: SettingsService): Pick<Handlers, 'settings:get' | 'settings:update'> {
  return {
    'settings:get': async () => settings.get(),
    'settings:update': async (input) => settings.update(input),
  };
}
