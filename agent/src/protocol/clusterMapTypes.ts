/** The MOSIX cluster map (/etc/mosix/mosix.map) as `cluster.map` reports it. */

/** One line of the map: `{IP-or-hostname} {count} [flags]`. */
export interface MosixMapEntry {
  /** The first host of the range, as written: an IPv4 address or a host name. */
  host: string;
  /** How many consecutive IPv4 addresses the range covers, starting at `host`. */
  count: number;
  /** Flag `p`: a very fast link to these nodes. */
  proximate: boolean;
  /** Flag `o`: class-0 processes (no `mosrun -G`) may not migrate there. */
  outsider: boolean;
  /** The line of the file it came from, 1-based. */
  line: number;
}

/** One node of the map: MOSIX numbers them 1, 2, ... in file order. */
export interface MosixMapNode {
  number: number;
  /** An IPv4 address, or the host name written in the map for the first node of its range. */
  host: string;
}

export interface ClusterMap {
  /** The file read. */
  path: string;
  entries: MosixMapEntry[];
  nodes: MosixMapNode[];
}
