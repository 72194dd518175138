import { chmodSync, copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { AGENT_BUNDLE, requireBuilt } from './dist';

export interface BundleCopy {
  /** The copy, readable by every user. */
  path: string;
  /** Deletes the copy and its directory. */
  remove(): void;
}

/**
 * A copy of the agent bundle (dist/'s by default) in a fresh directory under os.tmpdir() that
 * every user may enter. A test that runs the agent as another user cannot count on the checkout
 * being reachable by them: a clone inside a `mktemp -d` folder (mode 700) is not.
 */
export function copyBundleForOtherUsers(source = AGENT_BUNDLE): BundleCopy {
  requireBuilt(source);
  // Not "mosdesk-agent-…": tests and the bench find deployed agents by that name.
  const dir = mkdtempSync(join(tmpdir(), 'mosdesk-bundle-'));
  chmodSync(dir, 0o755); // mkdtemp makes it 700
  const path = join(dir, basename(source));
  copyFileSync(source, path);
  chmodSync(path, 0o644); // whatever the umask left on the source
  return { path, remove: () => rmSync(dir, { recursive: true, force: true }) };
}
