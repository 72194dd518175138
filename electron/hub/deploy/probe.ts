import { posixCommand } from './posixCommand';

/**
 * What the hub checks on a node before it uploads the agent: the OS and whether a Node.js
 * new enough for the agent is on the PATH of a non-interactive SSH session.
 */
export const PROBE_MARKER = '__mosdesk_probe__';

/** A fixed command; the marker keeps shell start-up noise (a chatty .bashrc) out of the answer. */
export const PROBE_COMMAND = posixCommand(
  `echo ${PROBE_MARKER}; uname -sm; if command -v node >/dev/null 2>&1; then node --version 2>&1 | head -n 1; else echo node-missing; fi`,
);

export const MIN_NODE_MAJOR = 18;

export interface ProbeResult {
  os: string;
  arch: string;
  /** e.g. `v20.11.1`, or null when no `node` is on the PATH. */
  nodeVersion: string | null;
}

/** Parses the probe's output; null when the marker or the uname line is missing. */
export function parseProbe(stdout: string): ProbeResult | null {
  const lines = stdout.split('\n').map((l) => l.trim());
  const at = lines.indexOf(PROBE_MARKER);
  if (at < 0) return null;
  const [os, arch] = (lines[at + 1] ?? '').split(/\s+/);
  const nodeLine = lines[at + 2] ?? '';
  if (!os || !arch || nodeLine === '') return null;
  return { os, arch, nodeVersion: nodeLine === 'node-missing' ? null : nodeLine };
}

/** The major version of a `node --version` answer, or null when it is not one. */
export function nodeMajor(version: string): number | null {
  const m = /^v(\d+)\.\d+\.\d+/.exec(version);
  return m ? Number(m[1]) : null;
}

const INSTALL_HINT =
  'Install Node.js 18 or newer on it so that `node` is on the PATH of a non-interactive SSH session: Debian 12+ and Ubuntu 24.04+: apt install nodejs; RHEL/Rocky 8-9: dnf module install nodejs:20; older releases: the NodeSource packages.';

/** Why the agent cannot run on this node, in a sentence; null when it can. */
export function probeProblem(probe: ProbeResult, node: string): string | null {
  if (probe.os !== 'Linux') return `${node} runs ${probe.os}; the mosdesk agent needs Linux.`;
  if (probe.nodeVersion === null) return `${node} has no Node.js (\`node\` was not found). ${INSTALL_HINT}`;
  const major = nodeMajor(probe.nodeVersion);
  if (major === null)
    return `${node}: \`node --version\` answered "${probe.nodeVersion.slice(0, 80)}", not a version. ${INSTALL_HINT}`;
  if (major < MIN_NODE_MAJOR)
    return `${node} has Node.js ${probe.nodeVersion}; the mosdesk agent needs 18 or newer. ${INSTALL_HINT}`;
  return null;
}
