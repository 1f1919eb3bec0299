/**
 * Where client secrets live: the OS keychain in the app (keytar), an in-memory store in tests that do not test the
 * keychain itself. Nothing else ever holds a secret at rest.
 */
export interface CredentialStore {
  /** The secret for a profile, or null when none is stored. */
  get(profileId: string): Promise<string | null>;
  set(profileId: string, secret: string): Promise<void>;
  /** True when something was deleted. */
  delete(profileId: string): Promise<boolean>;
}

/** The keychain service name under which every profile's secret is stored (one account per profile). */
export const KEYCHAIN_SERVICE = 'Symetrisk Desk';

export class MemoryCredentialStore implements CredentialStore {
  private readonly secrets = new Map<string, string>();
  async get(profileId: string): Promise<string | null> {
    return this.secrets.get(profileId) ?? null;
  }
  async set(profileId: string, secret: string): Promise<void> {
    this.secrets.set(profileId, secret);
  }
  async delete(profileId: string): Promise<boolean> {
    return this.secrets.delete(profileId);
  }
}
