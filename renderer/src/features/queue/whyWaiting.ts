/**
 * Why a waiting job of the queue has not started, in sentences, from what can be seen: the jobs
 * ahead of it, the free memory its `-m` asks for, the processors its `-P` asks for. MOSIX
 * releases a job when those are there (reference 3.4); its other limits are not shown by mosq,
 * so a job held by nothing visible says that. Pure.
 */
import type { QueueEntry } from '../../../../electron/api';

/** What the view knows of a node that could take a released job. */
export interface QueueNodeFigures {
  name: string;
  up: boolean;
  /** MemAvailable, MB; null before the first sample. */
  availableMb: number | null;
  cpus: number | null;
  load: number | null;
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
const mb = (n: number) => `${Math.round(n).toLocaleString('en-US')} MB`;

/** mosrun's `-P{n}` in the command mosq shows (`mosrun -q -P4 prog`), or null. */
export function processorsOf(command: string): number | null {
  const words = command.trim().split(/\s+/);
  const at = words.findIndex((w) => /(^|\/)mosrun$/.test(w));
  if (at < 0) return null;
  for (const w of words.slice(at + 1)) {
    if (!w.startsWith('-')) return null;
    const m = /^-P(\d+)$/.exec(w);
    if (m) return Number(m[1]);
  }
  return null;
}

function aheadReasons(job: QueueEntry, jobs: readonly QueueEntry[]): string[] {
  const before = jobs.slice(0, jobs.indexOf(job)).filter((j) => !j.running && j.priority !== null);
  const higher = before.filter((j) => (j.priority as number) < (job.priority as number));
  const same = before.filter((j) => j.priority === job.priority);
  const out: string[] = [];
  if (higher.length > 0) {
    const best = Math.min(...higher.map((j) => j.priority as number));
    out.push(
      `behind ${plural(higher.length, 'job')} of higher priority (PRI ${best}${higher.length > 1 ? ' and up' : ''})`,
    );
  }
  if (same.length > 0) out.push(`behind ${plural(same.length, 'job')} of its priority queued before it`);
  return out;
}

function memoryReason(job: QueueEntry, nodes: readonly QueueNodeFigures[]): string | null {
  if (job.memMb === null) return null;
  const known = nodes.filter((n) => n.up && n.availableMb !== null);
  if (known.length === 0) return `needs ${mb(job.memMb)} free (-m); no node's free memory is known yet`;
  const most = known.reduce((a, b) => ((b.availableMb as number) > (a.availableMb as number) ? b : a));
  if ((most.availableMb as number) >= job.memMb) return null;
  return `not enough free memory for its -m${job.memMb}: the most any up node has is ${mb(most.availableMb as number)} (${most.name})`;
}

function processorReason(job: QueueEntry, nodes: readonly QueueNodeFigures[]): string | null {
  const wanted = processorsOf(job.command);
  if (wanted === null) return null;
  const known = nodes.filter((n) => n.up && n.cpus !== null && n.load !== null);
  if (known.length === 0)
    return `waiting for ${plural(wanted, 'processor')} (-P${wanted}); no node's load is known yet`;
  const free = known.reduce((sum, n) => sum + Math.max(0, Math.floor((n.cpus as number) - (n.load as number))), 0);
  if (free >= wanted) return null;
  return `waiting for ${plural(wanted, 'free processor')} (-P${wanted}); about ${free} ${free === 1 ? 'is' : 'are'} free now`;
}

/** The reasons a waiting job waits, most telling first; a running job has none. */
export function whyWaiting(job: QueueEntry, jobs: readonly QueueEntry[], nodes: readonly QueueNodeFigures[]): string[] {
  if (job.running) return [];
  const reasons = [memoryReason(job, nodes), processorReason(job, nodes), ...aheadReasons(job, jobs)].filter(
    (r): r is string => r !== null,
  );
  if (reasons.length > 0) return reasons;
  return ['first in line: nothing mosq shows holds it back'];
}
