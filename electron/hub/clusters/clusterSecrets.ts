import type { SavedSecrets, SshSecrets } from '../../api';
import type { SecretStore } from '../secrets/secretStore';
import { SECRET_KINDS, secretKey } from './nodeConnector';

/** Puts back what was there before; best effort, as it runs after another failure. */
export type UndoSecrets = () => Promise<void>;

async function put(store: SecretStore, key: string, value: string | undefined): Promise<void> {
  await (value === undefined || value === '' ? store.delete(key) : store.set(key, value));
}

/**
 * Saves a cluster's (or one node's) secrets: an empty one is forgotten, an absent one left as
 * it is. All or nothing: when one cannot be saved, those already changed are put back and the
 * error is thrown. Returns an undo, for when the change they belong to fails afterwards.
 */
export async function saveSecrets(
  store: SecretStore,
  clusterId: string,
  secrets: SshSecrets,
  nodeId?: string,
): Promise<UndoSecrets> {
  const done: { key: string; before: string | undefined }[] = [];
  const undo: UndoSecrets = async () => {
    for (const { key, before } of [...done].reverse()) await put(store, key, before).catch(() => undefined);
  };
  try {
    for (const kind of SECRET_KINDS) {
      const value = secrets[kind];
      if (value === undefined) continue;
      const key = secretKey(clusterId, kind, nodeId);
      const before = await store.get(key);
      await put(store, key, value);
      done.push({ key, before });
    }
  } catch (err) {
    await undo();
    throw err;
  }
  return undo;
}

/** Forgets every secret of a cluster: its own and each node's. */
export async function forgetSecrets(store: SecretStore, clusterId: string, nodeIds: readonly string[]): Promise<void> {
  for (const kind of SECRET_KINDS) {
    await store.delete(secretKey(clusterId, kind));
    for (const nodeId of nodeIds) await store.delete(secretKey(clusterId, kind, nodeId));
  }
}

/** Forgets one node's own secrets (the cluster's stay). */
export async function forgetNodeSecrets(store: SecretStore, clusterId: string, nodeId: string): Promise<void> {
  for (const kind of SECRET_KINDS) await store.delete(secretKey(clusterId, kind, nodeId));
}

/** Which of a cluster's (or one node's own) secrets are saved; a store that cannot be read throws. */
export async function savedSecrets(store: SecretStore, clusterId: string, nodeId?: string): Promise<SavedSecrets> {
  const saved = async (kind: (typeof SECRET_KINDS)[number]): Promise<boolean> =>
    (await store.get(secretKey(clusterId, kind, nodeId))) !== undefined;
  return { passphrase: await saved('passphrase'), password: await saved('password') };
}
