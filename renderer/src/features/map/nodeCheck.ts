import { configDrift, validateConfig, type ConfigFiles, type NodeFacts } from '../../../../agent/src/mosixConfig';
import type { MapMatch } from './mapMatch';

/**
 * A node check like MOSIX-4's mos_checkconf, per node, each with what to do: the same map as the
 * others, this node in the map, the same configuration everywhere, freeze directories present
 * with free space, and MOSIX's ports between the nodes.
 */
export type CheckState = 'ok' | 'warning' | 'problem' | 'not-checked' | 'not-applicable';

export interface CheckRow {
  id: 'same-map' | 'in-map' | 'same-config' | 'freeze-dirs' | 'ports';
  state: CheckState;
  text: string;
}

export interface NodeCheckInput {
  nodeId: string;
  files: ConfigFiles;
  /** Looked up on the node when it was read; absent: not known. */
  facts?: NodeFacts;
  engine?: 'linux' | 'mosix';
}

/** Freeze directories with less free space than this cannot hold a frozen process of any size worth freezing. */
const LOW_FREE_BYTES = 1024 ** 3;

function freezeDirs(n: NodeCheckInput): CheckRow {
  const id = 'freeze-dirs';
  if (!n.files.has('freeze.conf'))
    return { id, state: 'not-applicable', text: 'No freeze.conf: MOSIX freezes to its default place.' };
  if (!n.facts) return { id, state: 'not-checked', text: 'The node did not say what its freeze directories are like.' };
  const missing = validateConfig(n.files, n.facts).filter(
    (i) => i.file === 'freeze.conf' && /director/i.test(i.message),
  );
  if (missing.length) return { id, state: 'problem', text: missing.map((i) => i.message).join(' ') };
  const low = Object.entries(n.facts.dirs).filter(([, d]) => d.freeBytes !== undefined && d.freeBytes < LOW_FREE_BYTES);
  if (low.length)
    return {
      id,
      state: 'warning',
      text: `Little free space in ${low.map(([p, d]) => `${p} (${Math.round((d.freeBytes ?? 0) / 1024 ** 2)} MiB)`).join(', ')}: free some, or add another directory.`,
    };
  return { id, state: 'ok', text: 'Every freeze directory is there, with free space.' };
}

function ports(n: NodeCheckInput): CheckRow {
  return n.engine === 'mosix'
    ? {
        id: 'ports',
        state: 'not-checked',
        text: 'TCP 249–254 between the nodes are not probed yet: that comes with the mosix engine.',
      }
    : {
        id: 'ports',
        state: 'not-applicable',
        text: 'MOSIX does not run here (linux engine), so nothing listens on ports 249–254.',
      };
}

export function nodeChecks(nodes: readonly NodeCheckInput[], match: MapMatch): Map<string, CheckRow[]> {
  const perNode = new Map(nodes.map((n) => [n.nodeId, n.files]));
  const drift = configDrift(perNode);
  const mapVersions = drift.find((d) => d.file === 'mosix.map')?.versions ?? [];
  const result = new Map<string, CheckRow[]>();
  for (const n of nodes) {
    const rows: CheckRow[] = [];
    const mine = mapVersions.findIndex((v) => v.nodes.includes(n.nodeId));
    if (!n.files.has('mosix.map'))
      rows.push({ id: 'same-map', state: 'problem', text: 'This node has no mosix.map: apply one from Configure.' });
    else if (mine > 0)
      rows.push({
        id: 'same-map',
        state: 'problem',
        text: `Its mosix.map differs from ${mapVersions[0]!.nodes.length} other node(s): apply the same map to every node from Configure.`,
      });
    else rows.push({ id: 'same-map', state: 'ok', text: 'The same mosix.map as the other nodes.' });
    rows.push(
      match.numberOf.has(n.nodeId)
        ? { id: 'in-map', state: 'ok', text: `In the map as node ${match.numberOf.get(n.nodeId)}.` }
        : {
            id: 'in-map',
            state: 'problem',
            text: 'None of its addresses or names is in the map: add it in Configure, step 1.',
          },
    );
    // mosip is each node's own address: it differs by design.
    const differs = drift
      .filter((d) => d.file !== 'mosip' && d.versions.findIndex((v) => v.nodes.includes(n.nodeId)) > 0)
      .map((d) => d.file);
    rows.push(
      differs.length
        ? {
            id: 'same-config',
            state: 'warning',
            text: `Differs from most nodes in ${differs.join(', ')}: the review in Configure shows how.`,
          }
        : { id: 'same-config', state: 'ok', text: 'The same configuration as most nodes.' },
    );
    rows.push(freezeDirs(n), ports(n));
    result.set(n.nodeId, rows);
  }
  return result;
}
