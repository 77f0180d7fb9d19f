// The Roboflow API key at rest. The key is encrypted with Electron's safeStorage (Keychain,
// DPAPI, or the Linux keyring) before anything is saved, and the only view of it that may
// leave the main process is `status()`: whether a key is set, its last four characters and
// how well it is protected. Storage is injected (`load`/`save`), so the settings store
// decides where the ciphertext lives and the tests need no Electron.
import type { SafeStorage } from 'electron';
import type { KeyStatus, SetKeyResult } from '../contract';
import { redactText } from '../core/stats/redact';

export type KeyProtection = 'os' | 'basic_text';

/** What is saved: never the key itself. */
export interface StoredKey {
  /** safeStorage output, base64. */
  ciphertext: string;
  protection: KeyProtection;
}

export interface SecretStoreDeps {
  safeStorage: Pick<SafeStorage, 'isEncryptionAvailable' | 'encryptString' | 'decryptString' | 'getSelectedStorageBackend'>;
  platform: NodeJS.Platform;
  load(): StoredKey | null;
  save(value: StoredKey | null): void;
}

export interface SecretStore {
  /** Validates, encrypts and saves a key typed by the user. */
  setApiKey(key: string, options?: { allowWeakProtection?: boolean }): SetKeyResult;
  /** The key in plain text, for the main process only; null when unset or unreadable. Never throws. */
  apiKey(): string | null;
  /** The only thing the renderer may learn about the key. Never throws. */
  status(): KeyStatus;
  clear(): void;
}

// Roboflow private keys are 20 alphanumeric characters. The bounds are loose on purpose: they
// catch a truncated paste or a whole paragraph, not a key format Roboflow might change.
const MIN_KEY_LENGTH = 12;
const MAX_KEY_LENGTH = 200;

/** Why a typed key is obviously not a key, or null. Messages never echo the input. */
export function keyProblem(key: string): string | null {
  if (key.length === 0) return 'The API key is empty. Paste the private API key from your Roboflow workspace settings (Settings → API Keys).';
  if (/\s/.test(key)) return 'The API key contains spaces or line breaks, so it is not a single key. Copy the private API key again from Roboflow (Settings → API Keys) and paste only the key.';
  if (/api_key=|:\/\//i.test(key)) return 'That looks like a URL, not an API key. Paste only the key itself (the value after "api_key=").';
  if (/[^\x21-\x7e]/.test(key)) return 'The API key contains characters an API key cannot have. Copy the private API key again from Roboflow (Settings → API Keys).';
  if (key.length < MIN_KEY_LENGTH) return `The API key is too short (${key.length} characters): it was probably cut off while copying. Copy the whole private API key from Roboflow (Settings → API Keys).`;
  if (key.length > MAX_KEY_LENGTH) return 'The API key is far too long to be a Roboflow API key. Paste only the private API key from Roboflow (Settings → API Keys).';
  return null;
}

/** What to do when the OS offers no encryption, in the words of each platform. */
export function unavailableMessage(platform: NodeJS.Platform): string {
  const what = 'Pulsebar keeps the API key encrypted by the system and never saves it in plain text, but ';
  switch (platform) {
    case 'linux':
      return `${what}no system keyring is available. Install and unlock a keyring (GNOME Keyring: the gnome-keyring package; on KDE: KWallet), make sure it runs in your desktop session, then restart Pulsebar and enter the key again.`;
    case 'darwin':
      return `${what}the macOS Keychain is not available. Unlock your login keychain (Keychain Access), then enter the key again.`;
    case 'win32':
      return `${what}Windows data protection is not available for this user account. Sign in with your regular user account, then enter the key again.`;
    default:
      return `${what}this system offers no encryption for it. The key cannot be saved here.`;
  }
}

const NEEDS_CONSENT_MESSAGE =
  'No system keyring was found (such as GNOME Keyring or KWallet), so the key can only be stored with weak protection: ' +
  'it would be encrypted with a password built into every copy of the app, and anyone who can read your files could recover it. ' +
  'Install and unlock a keyring and restart Pulsebar for real protection, or confirm to store the key with weak protection anyway.';

const UNREADABLE_PROBLEM =
  'The saved API key could not be decrypted (the system keyring was changed, reset or replaced). Enter the key again in Settings.';

function lockedProblem(platform: NodeJS.Platform): string {
  return platform === 'linux'
    ? 'The saved API key cannot be read because the system keyring is locked or not running. Unlock it (GNOME Keyring or KWallet) and restart Pulsebar, or enter the key again.'
    : 'The saved API key cannot be read because system encryption is not available right now. Unlock your keychain or account, or enter the key again.';
}

function isStoredKey(value: unknown): value is StoredKey {
  if (typeof value !== 'object' || value === null) return false;
  const { ciphertext, protection } = value as Record<string, unknown>;
  return typeof ciphertext === 'string' && ciphertext.length > 0 && (protection === 'os' || protection === 'basic_text');
}

type ReadResult =
  | { kind: 'none' }
  | { kind: 'key'; key: string; protection: KeyProtection }
  | { kind: 'problem'; problem: string; protection: KeyProtection | null };

export function createSecretStore(deps: SecretStoreDeps): SecretStore {
  const { safeStorage, platform } = deps;
  // Decrypting can reach the keyring; the poller and the log redactor ask for the key often,
  // so the last decryption is remembered for as long as the saved ciphertext is the same.
  let cache: { ciphertext: string; key: string } | null = null;

  function available(): boolean {
    try {
      return safeStorage.isEncryptionAvailable();
    } catch {
      return false;
    }
  }

  function read(): ReadResult {
    let stored: unknown;
    try {
      stored = deps.load();
    } catch {
      return { kind: 'problem', problem: 'The saved API key could not be loaded from the settings file. Enter the key again in Settings.', protection: null };
    }
    if (stored === null || stored === undefined) return { kind: 'none' };
    if (!isStoredKey(stored)) return { kind: 'problem', problem: UNREADABLE_PROBLEM, protection: null };
    const { protection } = stored;
    if (cache?.ciphertext === stored.ciphertext) return { kind: 'key', key: cache.key, protection };
    if (!available()) return { kind: 'problem', problem: lockedProblem(platform), protection };
    try {
      const key = safeStorage.decryptString(Buffer.from(stored.ciphertext, 'base64'));
      // Chromium's Linux cipher (AES-CBC) can turn a wrong key into garbage instead of an
      // error; a decryption that is not a plausible key is a failed one.
      if (keyProblem(key) !== null) return { kind: 'problem', problem: UNREADABLE_PROBLEM, protection };
      cache = { ciphertext: stored.ciphertext, key };
      return { kind: 'key', key, protection };
    } catch {
      return { kind: 'problem', problem: UNREADABLE_PROBLEM, protection };
    }
  }

  function status(): KeyStatus {
    const result = read();
    switch (result.kind) {
      case 'none':
        return { set: false, last4: null, protection: null, problem: null };
      case 'key':
        return { set: true, last4: result.key.slice(-4), protection: result.protection, problem: null };
      case 'problem':
        // Still "set": the ciphertext is kept, since an unlocked keyring may read it again.
        return { set: true, last4: null, protection: result.protection, problem: result.problem };
    }
  }

  function setApiKey(input: string, options: { allowWeakProtection?: boolean } = {}): SetKeyResult {
    const key = input.trim();
    const invalid = keyProblem(key);
    if (invalid !== null) return { ok: false, reason: 'invalid', message: invalid };
    if (!available()) return { ok: false, reason: 'unavailable', message: unavailableMessage(platform) };

    // Without a keyring Chromium on Linux falls back to a hard-coded password ("basic_text"):
    // the file would look encrypted without being protected, so the user decides.
    const weak = platform === 'linux' && safeStorage.getSelectedStorageBackend() === 'basic_text';
    if (weak && options.allowWeakProtection !== true) return { ok: false, reason: 'needs-consent', message: NEEDS_CONSENT_MESSAGE };

    let ciphertext: string;
    try {
      const encrypted = safeStorage.encryptString(key);
      // Reading it back proves the keyring works before the old key is replaced.
      if (safeStorage.decryptString(encrypted) !== key) throw new Error('the encrypted key did not decrypt to the same key');
      ciphertext = encrypted.toString('base64');
    } catch (error) {
      return { ok: false, reason: 'unavailable', message: `Encrypting the API key failed (${describe(error, key)}). ${unavailableMessage(platform)}` };
    }
    try {
      deps.save({ ciphertext, protection: weak ? 'basic_text' : 'os' });
    } catch (error) {
      return { ok: false, reason: 'unavailable', message: `The encrypted API key could not be saved (${describe(error, key)}). Check that the Pulsebar settings folder is writable and has free space, then try again.` };
    }
    cache = { ciphertext, key };
    return { ok: true, status: status() };
  }

  return {
    setApiKey,
    apiKey() {
      const result = read();
      return result.kind === 'key' ? result.key : null;
    },
    status,
    clear() {
      cache = null;
      deps.save(null);
    },
  };
}

// Error texts from the keyring or the file system should not contain the key, but the key is
// redacted anyway: this text goes to the renderer.
function describe(error: unknown, key: string): string {
  const text = error instanceof Error ? error.message : String(error);
  return redactText(text, [key]);
}
