/**
 * Running a stand-in tool on another node over the cluster's node-to-node ssh (its key and
 * ssh_config beside the bundle). The remote command is a fixed program and words of a narrow
 * alphabet, each quoted: nothing a user typed is read by the remote shell.
 */
import { spawnSync } from 'node:child_process';
import { NODE_BINARY } from './names';
import { BUNDLE, SSH_CONFIG } from './paths';

const SAFE = /^[A-Za-z0-9._/=:,+-]+$/;

/** Pure: the words as one line for a POSIX shell; throws for a word outside the safe alphabet. */
export function shellWords(words: readonly string[]): string {
  for (const w of words) if (!SAFE.test(w)) throw new Error(`"${w}" may not go into a remote command`);
  return words.map((w) => `'${w}'`).join(' ');
}

export interface RemoteResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** `ssh <address> /usr/bin/node <bundle> <tool> <args>`: its status and output. */
export function onNode(address: string, tool: string, args: readonly string[], timeoutMs = 20_000): RemoteResult {
  const command = shellWords([NODE_BINARY, BUNDLE, tool, ...args]);
  const r = spawnSync('ssh', ['-F', SSH_CONFIG, address, command], { encoding: 'utf8', timeout: timeoutMs });
  const code = r.status ?? -1;
  const stderr = r.error ? `${r.error.message}\n${r.stderr ?? ''}` : (r.stderr ?? '');
  return { code, stdout: r.stdout ?? '', stderr };
}
