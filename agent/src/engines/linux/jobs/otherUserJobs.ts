import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parsePasswdEntries } from '../../../parsers/passwd';
import { RpcError, RpcErrorCode } from '../../../protocol/errors';
import type { Logger } from '../../../server/context';
import { defaultStateDir } from '../stateDir';
import { JobStore } from './jobStore';

/**
 * Another user's job records, for a root agent acting on that user's Job IDs (Job IDs are per
 * user, as in MOSIX). They live in that user's home; records root rewrites stay theirs.
 */
export function openJobStoreOf(
  user: string,
  log: Logger,
  readPasswd: () => string = () => readFileSync('/etc/passwd', 'utf8'),
): JobStore {
  const entry = parsePasswdEntries(readPasswd()).find((e) => e.name === user);
  if (!entry) throw new RpcError(RpcErrorCode.NotFound, `There is no user ${user} in this node's /etc/passwd.`);
  const stateDir = defaultStateDir({}, entry.home);
  if (!existsSync(join(stateDir, 'jobs'))) {
    throw new RpcError(RpcErrorCode.NotFound, `${user} has no mosdesk job records on this node (${stateDir}).`);
  }
  const store = new JobStore(stateDir, log, () => undefined, { uid: entry.uid, gid: entry.gid });
  store.load();
  return store;
}
