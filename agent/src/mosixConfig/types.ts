/**
 * The semantic model of /etc/mosix that the agent, the hub and the renderer share. Names follow
 * MOSIX's own vocabulary (reference/mosix.md §2). `line` fields say where a value was read
 * (1-based); they are informative only and ignored when a config is written.
 */

/** File name (as CONFIG_FILE_NAME in protocol/configTypes.ts) -> text; absent files are not in the map. */
export type ConfigFiles = ReadonlyMap<string, string>;

/** One line of mosix.map: `count` consecutive IPv4 addresses from `host`. */
export interface MapRange {
  /** An IPv4 address or a host name (a name with count > 1 stands for its address and the ones after it). */
  host: string;
  count: number;
  /** Flag `p`: a very fast link to these nodes. */
  proximate: boolean;
  /** Flag `o`: class-0 processes (no `mosrun -G`) may not migrate there. */
  outsider: boolean;
  line?: number;
}

/** One line of userview.map: logical numbers first..first+count-1 for `count` addresses from `host`. */
export interface UserviewRange {
  first: number;
  host: string;
  count: number;
  line?: number;
}

/** One range of a partner cluster: `host count core participate proximate` (core and participate: meaning not documented). */
export interface PartnerRange {
  host: string;
  count: number;
  core: boolean;
  participate: boolean;
  proximate: boolean;
  line?: number;
}

/** partners/<name>: line 1 a description, line 2 `priority cango cantake canexpend`, then ranges. */
export interface Partner {
  /** The file's name under partners/: the partner cluster's name. */
  name: string;
  /** Null: the file has no description line. */
  description: string | null;
  /** Lower is better, 0..65535. Null: the file has no priority line (then canGo/canTake/canExpend are not written). */
  priority: number | null;
  /** The file's cango: local processes may go there (setpe prints the opposite, dontgo). */
  canGo: boolean;
  /** The file's cantake: guests from there are accepted (setpe prints the opposite, dont_take). */
  canTake: boolean;
  /** The fourth number of the priority line; gossimon calls it canexpend; its meaning is not documented. */
  canExpend: number;
  ranges: PartnerRange[];
}

/**
 * The queue file (its name and syntax are not documented; see queue.ts): a default priority and
 * the MOSIX(M7) `Z {n}` and `N {n} [{mb}]` rules. Null: the line is absent (MOSIX's default).
 */
export interface QueueConfig {
  /** Default priority of queued jobs; lower runs first; MOSIX's default is 50. */
  priority: number | null;
  /** `Z n`: the first n jobs of priority 0 start at once. */
  z: number | null;
  /** `N n [mb]`: up to n jobs of each user bypass the queue (only jobs of at most mb MB when mb is set). */
  n: { count: number; mb: number | null } | null;
}

/** A freeze directory and the share of its disk to use (0, 1]; null: no share written. */
export interface FreezeDir {
  path: string;
  share: number | null;
  line?: number;
}

/**
 * One class line of freeze.conf: `class units red blue autohome autocluster min max slice`.
 * Only the first four are mandatory; null: not written (MOSIX's default applies, not documented).
 */
export interface FreezeClass {
  class: number;
  /** 0: count processes; 1: MOSIX load. */
  units: number;
  /** Above it freezing starts; -1: never. */
  red: number;
  /** Below it unfreezing starts (the lower mark). */
  blue: number;
  /** Above it, processes evacuated home arrive frozen; -1: none. */
  autohome: number | null;
  /** The same for processes evacuated to the cluster; -1: none. */
  autocluster: number | null;
  /** Keep at least this many running even above red. */
  min: number | null;
  /** Let at most this many run even below blue; -1: unlimited. */
  max: number | null;
  /** Minutes each process gets when others of its class wait. */
  slice: number | null;
  line?: number;
}

export interface FreezePolicy {
  dirs: FreezeDir[];
  classes: FreezeClass[];
}

export interface MosixConfig {
  map: MapRange[];
  userview: UserviewRange[];
  /** This node's MOSIX address (the mosip file); null: no file. */
  mosip: string | null;
  partners: Partner[];
  queue: QueueConfig;
  freeze: FreezePolicy;
}

/** What the agent looked up on a node, for the checks that depend on it. */
export interface NodeFacts {
  /** host -> resolved IPv4 on the node; null: does not resolve. */
  hosts: Record<string, string | null>;
  dirs: Record<string, { exists: boolean; freeBytes?: number }>;
  /** The node's own IPv4 addresses. */
  addresses?: string[];
}

/** One file on which nodes disagree: each version (text; null: absent) and the nodes that have it, most nodes first. */
export interface DriftEntry {
  file: string;
  versions: { text: string | null; nodes: string[] }[];
}

/** One node of the cluster as the map numbers it. */
export interface NodeNumber {
  /** The number users see: userview.map's where it covers the node, else the map's. */
  number: number;
  /** Its place in mosix.map, 1-based. */
  mapNumber: number;
  numberedBy: 'map' | 'userview';
  /** As written for the first node of a range, else the address; `name+3` when a name's address is unknown. */
  host: string;
  /** IPv4, or null when the range is a host name whose address is not known. */
  address: string | null;
  proximate: boolean;
  outsider: boolean;
  /** The mosix.map line of its range. */
  line?: number;
}
export type NumberedNode = NodeNumber;

/** A config with nothing in it, for configuring a cluster from scratch. */
export function emptyConfig(): MosixConfig {
  return {
    map: [],
    userview: [],
    mosip: null,
    partners: [],
    queue: { priority: null, z: null, n: null },
    freeze: { dirs: [], classes: [] },
  };
}
