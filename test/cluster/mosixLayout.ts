/**
 * The `mosix` option of a test cluster, computed from the options alone (pure): which nodes get
 * the MOSIX stand-in (test/mosixStandIn), where its files live in the state dir, the map those
 * nodes get as /etc/mosix/mosix.map, and the text of the files the stand-in needs.
 */
import { join } from 'node:path';
import { mapText } from '../mosixStandIn/mapFile';
import * as names from '../mosixStandIn/names';
import type { TestClusterOptions } from './layout';

/** Where the tools' wrappers go on a stand-in node (an overlay: the host's directory is untouched). */
export const MOSIX_PATH_DIR = '/usr/local/bin';

export interface MosixLayout {
  /** The cluster's node numbers that run the stand-in, in order. */
  nodes: number[];
  /** `<stateDir>/mosix`: the bundle, the wrappers, the node-to-node key and ssh_config. */
  dir: string;
  bundlePath: string;
  binDir: string;
  keyPath: string;
  sshConfigPath: string;
  /** What the stand-in nodes share (state.json, the decline switch, testload progress, a log). */
  sharedDir: string;
  declinePath: string;
}

export function mosixLayout(stateDir: string, nodes: readonly number[]): MosixLayout {
  const dir = join(stateDir, 'mosix');
  const sharedDir = join(dir, names.SHARED_DIR);
  return {
    nodes: [...nodes].sort((a, b) => a - b),
    dir,
    bundlePath: join(dir, names.BUNDLE_FILE),
    binDir: join(dir, names.BIN_DIR),
    keyPath: join(dir, names.KEY_FILE),
    sshConfigPath: join(dir, names.SSH_CONFIG_FILE),
    sharedDir,
    declinePath: join(sharedDir, names.DECLINE_FILE),
  };
}

/** `mosix.nodes` names visible nodes, once each, that keep the node binary the stand-in runs on. */
export function checkMosix(o: TestClusterOptions): void {
  const nodes = o.mosix?.nodes ?? [];
  const hidden = new Set((o.behind ?? []).map((b) => b.node));
  for (const k of nodes) {
    if (k < 1 || k > o.nodes) throw new Error(`mosix: no node ${k}.`);
    if (nodes.indexOf(k) !== nodes.lastIndexOf(k)) throw new Error(`mosix: node ${k} is listed twice.`);
    if (hidden.has(k)) throw new Error(`mosix: node ${k} is behind a gateway; MOSIX nodes must reach each other.`);
    if (o.nodeBinary?.[k] !== undefined)
      throw new Error(`mosix: node ${k} has a nodeBinary; the stand-in runs on ${names.NODE_BINARY}.`);
  }
}

/**
 * Node k's own /etc files: for a stand-in node, /etc/mosix/mosix.map listing every stand-in node's
 * address (unless the options give that file themselves), then the files the options give.
 */
export function nodeEtcFiles(o: TestClusterOptions, k: number): Record<string, string> | undefined {
  const own = o.etcFiles?.[k];
  if (!o.mosix?.nodes.includes(k)) return own;
  const addresses = [...o.mosix.nodes].sort((a, b) => a - b).map((n) => `10.210.${o.subnet}.${10 + n}`);
  return { 'mosix/mosix.map': mapText(addresses), ...own };
}

/** The stand-in's ssh_config: root with the copied key, the cluster's known_hosts (kept current by rekey). */
export function standInSshConfig(m: MosixLayout, knownHostsPath: string): string {
  return [
    '# mosdesk test cluster: node-to-node ssh of the MOSIX stand-in (real migration of testload)',
    'Host *',
    '  User root',
    `  IdentityFile ${m.keyPath}`,
    '  IdentitiesOnly yes',
    `  UserKnownHostsFile ${knownHostsPath}`,
    '  GlobalKnownHostsFile /dev/null',
    '  StrictHostKeyChecking yes',
    '  BatchMode yes',
    '  ConnectTimeout 5',
    '  LogLevel ERROR',
    '',
  ].join('\n');
}

/**
 * The wrapper installed as `tool`. mosrun's records its shell's PID and then execs the program,
 * so the MOSIX process keeps the PID that mosrun started with, as MOSIX's does.
 */
export function wrapperScript(tool: string, bundlePath: string): string {
  const head = `#!/bin/sh\n# The MOSIX stand-in's ${tool} (mosdesk test cluster, test/mosixStandIn): test equipment.\n`;
  if (tool === 'mosrun')
    return `${head}n=$(${names.NODE_BINARY} '${bundlePath}' _mosrun "$$" "$@") || exit\nshift "$n"\nexec "$@"\n`;
  return `${head}exec ${names.NODE_BINARY} '${bundlePath}' ${tool} "$@"\n`;
}
