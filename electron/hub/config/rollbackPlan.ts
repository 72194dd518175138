/** A rollback as changes: a backup's files over what the node has now; pure. */
import type { BackupContent, ConfigChange, ConfigSnapshot } from '../../../agent/src/protocol/configTypes';

/**
 * The changes that make the node's files what they were before the backup's apply: each file
 * back to its old text, or removed when the apply had created it. `base` is the file as `now`
 * read it, so a file changed since that read is a conflict like in any apply. Files already as
 * they were are left out (empty: nothing to do on this node).
 */
export function rollbackChanges(backup: BackupContent, now: ConfigSnapshot): ConfigChange[] {
  const changes: ConfigChange[] = [];
  for (const old of backup.files) {
    const cur = now.files.find((f) => f.name === old.name);
    const curSha = cur?.present ? cur.sha256 : null;
    if (old.present ? curSha === old.sha256 : curSha === null) continue;
    changes.push({ name: old.name, text: old.present ? old.text : null, base: curSha });
  }
  return changes;
}
