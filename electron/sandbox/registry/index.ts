/**
 * The registry sandbox: Enhetsregisteret and Regnskapsregisteret for the Symetrisk sandbox's companies, served on
 * the same loopback origin (see docs/registry.md). Built from the sandbox's world; started by startSandbox.
 */
import { Faults } from '../faults';
import { hash32 } from '../prng';
import { Stats } from '../server';
import type { World } from '../world';
import { RegistryWorld } from './registry-world';
import { RegistryServer, type RegistryFaultConfig } from './server';

export { REGISTRY_ROLES, SETTABLE_STATUSES, type RegistryRole, type SettableStatus } from './registry-world';
export {
  REGISTRY_CONTROL_ENDPOINTS,
  REGISTRY_CONTROL_PREFIX,
  type RegistryControl,
  type RegistryFaultConfig,
  type RegistryFaultTarget,
} from './server';

export interface RegistryOptions {
  faults?: RegistryFaultConfig;
}

/** The registry's world and its HTTP handler; its faults are decided apart from Symetrisk's (own seed, own count). */
export function createRegistrySandbox(world: World, options: RegistryOptions = {}): { world: RegistryWorld; server: RegistryServer } {
  const registryWorld = new RegistryWorld(world);
  const faults = new Faults(hash32(world.seed, 'registry-faults'));
  const server = new RegistryServer(registryWorld, faults, new Stats(faults));
  if (options.faults) server.control.setFaults(options.faults);
  return { world: registryWorld, server };
}
