import { describe, expect, it, vi } from 'vitest';
import { createSecretStore, keyProblem, type SecretStoreDeps, type StoredKey } from '../../electron/shell/secrets';

const KEY = 'AbCdEfGh1234IjKlMnOp';

type Backend = ReturnType<SecretStoreDeps['safeStorage']['getSelectedStorageBackend']>;

// A reversible stand-in for safeStorage: XOR with a "keyring secret" behind a header naming
// that secret, so a changed keyring fails the way Chromium's does (an error, not the key).
function fakeSafeStorage(options: { available?: boolean; backend?: Backend } = {}) {
  const state = { available: options.available ?? true, backend: options.backend ?? ('gnome_libsecret' as Backend), keyring: 7 };
  const safeStorage = {
    isEncryptionAvailable: vi.fn(() => state.available),
    getSelectedStorageBackend: vi.fn(() => state.backend),
    encryptString: vi.fn((plain: string) => {
      if (!state.available) throw new Error('Encryption is not available.');
      const body = Buffer.from(plain, 'utf8').map((b) => b ^ (0x40 + state.keyring));
      return Buffer.concat([Buffer.from(`v${state.keyring}:`), body]);
    }),
    decryptString: vi.fn((encrypted: Buffer) => {
      const header = `v${state.keyring}:`;
      if (encrypted.subarray(0, header.length).toString() !== header) throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString.');
      return Buffer.from(encrypted.subarray(header.length).map((b) => b ^ (0x40 + state.keyring))).toString('utf8');
    }),
  };
  return { safeStorage, state };
}

function setup(options: { platform?: NodeJS.Platform; available?: boolean; backend?: Backend } = {}) {
  const { safeStorage, state } = fakeSafeStorage(options);
  const disk: { value: StoredKey | null } = { value: null };
  const save = vi.fn((value: StoredKey | null) => {
    disk.value = value === null ? null : { ...value };
  });
  const store = createSecretStore({ safeStorage, platform: options.platform ?? 'linux', load: () => disk.value, save });
  return { store, safeStorage, state, disk, save };
}

/** Every substring of the key longer than four characters: none may leave the store. */
function keyFragments(key: string): string[] {
  const out: string[] = [];
  for (let i = 0; i + 5 <= key.length; i++) out.push(key.slice(i, i + 5));
  return out;
}

function expectNoKey(value: unknown): void {
  const text = JSON.stringify(value);
  for (const fragment of keyFragments(KEY)) expect(text).not.toContain(fragment);
}

describe('setApiKey', () => {
  it('encrypts, saves only ciphertext and reports the last four characters', () => {
    const { store, disk } = setup();
    const result = store.setApiKey(`  ${KEY}\n`);
    expect(result).toEqual({ ok: true, status: { set: true, last4: 'MnOp', protection: 'os', problem: null } });
    expect(disk.value?.protection).toBe('os');
    expectNoKey(disk.value);
    expect(Buffer.from(disk.value?.ciphertext ?? '', 'base64').toString('latin1')).not.toContain(KEY);
    expect(store.apiKey()).toBe(KEY);
  });

  it.each([
    ['', /empty/],
    ['   \n\t ', /empty/],
    ['AbCdEfGh 1234IjKlMnOp', /spaces/],
    ['AbCd', /too short/],
    [`https://detect.roboflow.com/x?api_key=${KEY}`, /URL/],
    ['AbCdEfGh1234IjKlMnOpé', /characters/],
    ['x'.repeat(500), /too long/],
  ])('refuses %j with a clear message that does not echo it', (input, reason) => {
    const { store, save } = setup();
    const result = store.setApiKey(input);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.reason).toBe('invalid');
    expect(result.message).toMatch(reason);
    if (input.trim().length > 0) expect(result.message).not.toContain(input.trim());
    expect(save).not.toHaveBeenCalled();
  });

  it('says what to do when no encryption is available, per platform, and saves nothing', () => {
    const linux = setup({ available: false });
    const result = linux.store.setApiKey(KEY);
    expect(result).toMatchObject({ ok: false, reason: 'unavailable' });
    if (!result.ok) expect(result.message).toMatch(/gnome-keyring.*KWallet/);
    expect(linux.save).not.toHaveBeenCalled();

    const mac = setup({ platform: 'darwin', available: false }).store.setApiKey(KEY);
    if (!mac.ok) expect(mac.message).toMatch(/Keychain/);
    const windows = setup({ platform: 'win32', available: false }).store.setApiKey(KEY);
    if (!windows.ok) expect(windows.message).toMatch(/Windows/);
    expect([mac.ok, windows.ok]).toEqual([false, false]);
  });

  it('asks for consent before storing with basic_text protection on Linux', () => {
    const { store, disk, save } = setup({ backend: 'basic_text' });
    const refused = store.setApiKey(KEY);
    expect(refused).toMatchObject({ ok: false, reason: 'needs-consent' });
    if (!refused.ok) expect(refused.message).toMatch(/weak protection/);
    expect(save).not.toHaveBeenCalled();
    expect(store.status()).toEqual({ set: false, last4: null, protection: null, problem: null });

    const accepted = store.setApiKey(KEY, { allowWeakProtection: true });
    expect(accepted).toEqual({ ok: true, status: { set: true, last4: 'MnOp', protection: 'basic_text', problem: null } });
    expect(disk.value?.protection).toBe('basic_text');
    expectNoKey(disk.value);
  });

  it('never asks the Linux backend question on macOS or Windows', () => {
    for (const platform of ['darwin', 'win32'] as const) {
      const { store, safeStorage } = setup({ platform, backend: 'basic_text' });
      expect(store.setApiKey(KEY)).toMatchObject({ ok: true, status: { protection: 'os' } });
      expect(safeStorage.getSelectedStorageBackend).not.toHaveBeenCalled();
    }
  });

  it('reports encryption and saving failures without the key, keeping the old key', () => {
    const { store, safeStorage, disk, save } = setup();
    store.setApiKey(KEY);
    const before = disk.value;
    safeStorage.encryptString.mockImplementationOnce((plain: string) => {
      throw new Error(`cannot encrypt ${plain}`);
    });
    const failed = store.setApiKey('ZzZzYyYyXxXx1234');
    expect(failed).toMatchObject({ ok: false, reason: 'unavailable' });
    expect(JSON.stringify(failed)).not.toContain('ZzZzYyYyXxXx1234');
    expect(disk.value).toEqual(before);

    save.mockImplementationOnce(() => {
      throw new Error('ENOSPC: no space left on device');
    });
    const unsaved = store.setApiKey('ZzZzYyYyXxXx1234');
    expect(unsaved).toMatchObject({ ok: false, reason: 'unavailable' });
    if (!unsaved.ok) expect(unsaved.message).toMatch(/ENOSPC.*writable/);
    expect(store.apiKey()).toBe(KEY);
  });
});

describe('status', () => {
  it('never carries more than the last four characters', () => {
    const { store } = setup();
    expect(store.status()).toEqual({ set: false, last4: null, protection: null, problem: null });
    store.setApiKey(KEY);
    const status = store.status();
    expect(status.last4).toBe('MnOp');
    expectNoKey(status);
  });
});

describe('apiKey', () => {
  it('gives null and asks for the key again when the keyring changed, without throwing', () => {
    const { store, safeStorage, state, disk } = setup();
    store.setApiKey(KEY);
    // The next start of the app (nothing cached), after the keyring was reset.
    state.keyring = 3;
    const restarted = createSecretStore({ safeStorage, platform: 'linux', load: () => disk.value, save: (value) => (disk.value = value) });
    expect(() => restarted.apiKey()).not.toThrow();
    expect(restarted.apiKey()).toBeNull();
    expect(restarted.status()).toEqual({ set: true, last4: null, protection: 'os', problem: expect.stringMatching(/enter the key again/i) });
    // Entering the key again works with the new keyring.
    expect(restarted.setApiKey(KEY)).toMatchObject({ ok: true, status: { last4: 'MnOp', problem: null } });
  });

  it('treats a decryption that is not a plausible key as a failure', () => {
    const { safeStorage } = fakeSafeStorage();
    safeStorage.decryptString.mockReturnValue('\u0000\u0001garbage bytes');
    const store = createSecretStore({ safeStorage, platform: 'linux', load: () => ({ ciphertext: 'AAAA', protection: 'os' }), save: () => {} });
    expect(store.apiKey()).toBeNull();
    expect(store.status().problem).toMatch(/enter the key again/i);
  });

  it('says the keyring is locked when encryption is unavailable for a saved key', () => {
    const { safeStorage } = fakeSafeStorage({ available: false });
    const store = createSecretStore({ safeStorage, platform: 'linux', load: () => ({ ciphertext: 'AAAA', protection: 'basic_text' }), save: () => {} });
    expect(store.apiKey()).toBeNull();
    expect(store.status()).toMatchObject({ set: true, last4: null, protection: 'basic_text', problem: expect.stringMatching(/locked/) });
  });

  it('survives a settings file that cannot be loaded or holds something else', () => {
    const { safeStorage } = fakeSafeStorage();
    const throwing = createSecretStore({ safeStorage, platform: 'linux', load: () => { throw new Error('EACCES'); }, save: () => {} });
    expect(throwing.apiKey()).toBeNull();
    expect(throwing.status()).toMatchObject({ set: true, problem: expect.stringMatching(/could not be loaded/) });

    const odd = createSecretStore({ safeStorage, platform: 'linux', load: () => ({ ciphertext: 42 }) as unknown as StoredKey, save: () => {} });
    expect(odd.apiKey()).toBeNull();
    expect(odd.status().problem).toMatch(/enter the key again/i);
  });

  it('decrypts once while the saved ciphertext stays the same', () => {
    const { store, safeStorage } = setup();
    store.setApiKey(KEY);
    safeStorage.decryptString.mockClear();
    store.apiKey();
    store.apiKey();
    store.status();
    expect(safeStorage.decryptString).not.toHaveBeenCalled();
  });
});

describe('clear', () => {
  it('removes the saved key', () => {
    const { store, disk, save } = setup();
    store.setApiKey(KEY);
    store.clear();
    expect(save).toHaveBeenLastCalledWith(null);
    expect(disk.value).toBeNull();
    expect(store.apiKey()).toBeNull();
    expect(store.status()).toEqual({ set: false, last4: null, protection: null, problem: null });
  });
});

describe('keyProblem', () => {
  it('accepts a Roboflow-shaped key', () => {
    expect(keyProblem(KEY)).toBeNull();
    expect(keyProblem('rf_AbCdEfGh1234IjKlMnOp')).toBeNull();
  });
});
