import { safeStorage } from 'electron';
import type { SecretCipher } from '../hub/secrets/secretStore';

/**
 * Electron's safeStorage (the OS keychain: Keychain, DPAPI, libsecret/kwallet) as the hub's
 * cipher. On Linux without a keyring Electron falls back to a hard-coded key ("basic_text"),
 * which is plain text in all but name: then nothing is stored.
 */
export function safeStorageCipher(): SecretCipher {
  return {
    encrypt: (plain) => safeStorage.encryptString(plain),
    decrypt: (cipherText) => safeStorage.decryptString(cipherText),
    available: () =>
      safeStorage.isEncryptionAvailable() &&
      (process.platform !== 'linux' || safeStorage.getSelectedStorageBackend() !== 'basic_text'),
  };
}
