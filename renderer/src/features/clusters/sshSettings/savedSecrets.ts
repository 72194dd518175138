import type { Result, SavedSecrets } from '../../../../../electron/api';

export type SavedAnswer = Result<'secrets.saved'>;

/**
 * The placeholder of a passphrase or password box: what is saved now, so an admin knows
 * whether leaving it empty keeps one. `undefined` while the hub has not said (or could not).
 */
export function savedPlaceholder(kind: keyof SavedSecrets, saved: SavedAnswer | undefined, forNode: boolean): string {
  if (!saved) return 'unchanged';
  if (!forNode) return saved.cluster[kind] ? 'saved (empty keeps it)' : 'none saved';
  if (saved.node?.[kind]) return 'its own is saved (empty keeps it)';
  return saved.cluster[kind] ? 'none of its own: the cluster’s is used' : 'none saved';
}
