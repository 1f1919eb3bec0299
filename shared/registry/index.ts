/**
 * The registry's pure rules and tables: status alerts, reconciliation against filed annual accounts, name-to-org-
 * number proposals, peers by NACE division, and the mapping from the registers' answers to the app's facts. No zod
 * here (the renderer may import this file); the answer schemas are in schemas.ts and the DTO schemas in dto.ts.
 * Definitions: docs/registry.md.
 */
export * from './defaults';
export * from './nace';
export * from './facts';
export * from './status-alerts';
export * from './reconciliation';
export * from './names';
export * from './peers';
export type {
  BusinessAddress,
  CodeName,
  FiledAccounts,
  FiledFigures,
  ForcedDissolutionGround,
  PublishedSource,
  RegistryCheck,
  RegistryCheckOutcome,
  RegistryFailure,
  RegistryUnit,
  RegistryUnitStatus,
} from './dto';
