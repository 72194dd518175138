import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';

/** The agent bundle the hub carries, named on the nodes by its content hash. */
export interface AgentBundle {
  bytes: Buffer;
  sha256: string;
  /** `mosdesk-agent-<first 16 hex of the hash>.cjs`: an upgrade is just a new name. */
  fileName: string;
}

export const BUNDLE_NAME_PATTERN = /^mosdesk-agent-[0-9a-f]{16}\.cjs$/;

export function loadAgentBundle(path: string): AgentBundle {
  const bytes = readFileSync(path);
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  return { bytes, sha256, fileName: `mosdesk-agent-${sha256.slice(0, 16)}.cjs` };
}
