import type { Handlers } from '../../../shared/contract';
import type { RegistryService } from '../../services/registry/registry-service';

/** The registry:* channels: proposals from Brønnøysundregistrene (the registry facts come with portfolio:*). */
export function registryHandlers(registry: RegistryService): Pick<Handlers, 'registry:proposals'> {
  return {
    'registry:proposals': async (input) => registry.proposals(input.profileId, input.name),
  };
}
