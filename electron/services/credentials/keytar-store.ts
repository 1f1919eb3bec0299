/**
 * The OS keychain behind CredentialStore, through keytar: macOS Keychain, Windows Credential Manager, and on Linux
 * the Secret Service (gnome-keyring, KWallet). Service "Symetrisk Desk", one account per profile id.
 *
 * Every failure of the keychain (no Secret Service on the D-Bus, a locked collection, a missing native module, a
 * keychain that never answers because it waits for an unlock prompt) becomes AppError('keychain_unavailable'):
 * the app keeps running, the cache stays readable, only calls that need a secret fail with a clear message.
 */
import { AppError } from '../../../shared/contract';
import { KEYCHAIN_SERVICE, type CredentialStore } from './credential-store';

/** The part of keytar we use; injectable so tests can provoke failures without a broken keychain. */
export interface KeytarLike {
  getPassword(service: string, account: string): Promise<string | null>;
  setPassword(service: string, account: string, password: string): Promise<void>;
  deletePassword(service: string, account: string): Promise<boolean>;
}

export interface KeytarStoreOptions {
  /** Defaults to loading the keytar native module on first use. */
  keytar?: KeytarLike | (() => Promise<KeytarLike>);
  service?: string;
  /**
   * How long one keychain call may take. A locked keyring may wait for an unlock prompt that never comes (no
   * prompter in a headless session); we answer with keychain_unavailable instead of hanging the caller.
   */
  timeoutMs?: number;
}

export const KEYCHAIN_UNAVAILABLE_MESSAGE =
  'The system keychain is not available (no Secret Service/keychain running, or it is locked). ' +
  'Unlock or start it and try again; the cached data remains available.';

async function loadKeytar(): Promise<KeytarLike> {
  // Loaded lazily: a missing or broken native module must not stop the app from starting.
  const mod = (await import('keytar')) as unknown as { default?: KeytarLike } & KeytarLike;
  return mod.default ?? mod;
}

/** Turns whatever the keychain threw into the one error the app shows; the reason is safe (no secret in it). */
function unavailable(op: string, cause: unknown): AppError {
  const reason = cause instanceof Error ? cause.message : String(cause);
  return new AppError('keychain_unavailable', KEYCHAIN_UNAVAILABLE_MESSAGE, { operation: op, reason: reason.slice(0, 300) });
}

export class KeytarCredentialStore implements CredentialStore {
  private readonly service: string;
  private readonly timeoutMs: number;
  private keytar: Promise<KeytarLike> | null = null;
  private readonly source: KeytarLike | (() => Promise<KeytarLike>);

  constructor(options: KeytarStoreOptions = {}) {
    this.service = options.service ?? KEYCHAIN_SERVICE;
    this.timeoutMs = options.timeoutMs ?? 15_000;
    this.source = options.keytar ?? loadKeytar;
  }

  private module(): Promise<KeytarLike> {
    if (!this.keytar) {
      const src = this.source;
      this.keytar = typeof src === 'function' ? src() : Promise.resolve(src);
      // A failed load is retried on the next call (the user may install or unlock something meanwhile).
      this.keytar.catch(() => {
        this.keytar = null;
      });
    }
    return this.keytar;
  }

  private async run<T>(op: string, call: (k: KeytarLike) => Promise<T>): Promise<T> {
    let timer: NodeJS.Timeout | undefined;
    try {
      const k = await this.module();
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`the keychain did not answer within ${this.timeoutMs} ms`)), this.timeoutMs);
        timer.unref?.();
      });
      return await Promise.race([call(k), timeout]);
    } catch (e) {
      throw unavailable(op, e);
    } finally {
      if (timer) clearTimeout(timer);
    }
  }

  get(profileId: string): Promise<string | null> {
    return this.run('get', (k) => k.getPassword(this.service, profileId));
  }

  set(profileId: string, secret: string): Promise<void> {
    return this.run('set', (k) => k.setPassword(this.service, profileId, secret));
  }

  delete(profileId: string): Promise<boolean> {
    return this.run('delete', (k) => k.deletePassword(this.service, profileId));
  }
}
