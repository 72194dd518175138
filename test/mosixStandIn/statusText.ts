/** What `mosctl status`, `mosctl localstatus` and `setpe -r|-R` print (reference/mosix.md §1.7, §1.8). Pure. */
import { ipv4Number, ipv4Text, type NodeMap } from './mapFile';

export interface StatusFigures {
  load: number;
  cpus: number;
  /** This node's processes frozen by migrate freeze. */
  frozen: number;
  /** MOSIX processes running here (its own at home and guests). */
  procs: number;
  memAvailableMb: number;
  memTotalMb: number;
  swapAvailableMb: number;
  swapTotalMb: number;
}

/** A MOSIX standard processor is 10000 units; the stand-in's nodes are all standard. */
const SPEED = 10000;

export function statusText(f: StatusFigures): string {
  const load = f.load.toFixed(2);
  return [
    'Status: Running Normally',
    `Load: ${load} (equivalent to about ${load} CPU processes)`,
    `Speed: ${SPEED} units`,
    `CPUS: ${f.cpus}`,
    `Frozen: ${f.frozen}`,
    'Util: 100%',
    'Avail: YES',
    `Procs: Running ${f.procs} MOSIX processes`,
    'Accept: Yes, will welcome processes from here',
    `Memory: Available ${f.memAvailableMb}MB/${f.memTotalMb}MB`,
    '',
  ].join('\n');
}

export function localStatusText(f: StatusFigures): string {
  return [
    statusText(f).trimEnd(),
    `Swap: Available ${f.swapAvailableMb}MB/${f.swapTotalMb}MB`,
    'Daemons:',
    'Master Daemon: Up',
    'MOSIX Daemon : Up',
    'Queue Manager: Up',
    'Remote Daemon: Up',
    'Guest processes from grid: 0/10',
    '',
  ].join('\n');
}

/**
 * `setpe -r`: this node, then the map's ranges; `-R` adds the multi-cluster heading, with no
 * partners (the stand-in reads no /etc/mosix/partners).
 */
export function setpeText(map: NodeMap, self: { address: string; host: string }, rest: boolean): string {
  const ranges = map.ranges.map((r) => {
    const last = ipv4Text((ipv4Number(r.first) as number) + r.count - 1);
    const flags = [...(r.proximate ? ['proximate'] : []), ...(r.outsider ? ['outsider'] : [])];
    return `${r.count === 1 ? r.first : `${r.first} - ${last}`}${flags.length ? `: ${flags.join(',')}` : ''}`;
  });
  const lines = [
    `This MOSIX node is: ${self.address} (${self.host}) (no features)`,
    '',
    'Nodes in this cluster:',
    '======================',
    ...ranges,
  ];
  if (rest) lines.push('', 'Nodes from the rest of the multi-cluster:', '=========================================');
  return `${lines.join('\n')}\n`;
}
