/** The sets of command lines the hub is running or has run, kept until the hub stops (newest first, bounded). */
import { randomUUID } from 'node:crypto';
import type { JobSet, JobStart } from '../../api';
import { runJobSet, type SetNode } from './jobSetRunner';

/** Ended sets kept for the jobs list; running sets are never dropped. */
const KEEP_ENDED = 50;

export class JobSets {
  private readonly sets: JobSet[] = [];

  start(
    where: { clusterId: string; nodeId: string; nodeName: string },
    lines: string[],
    maxJobs: number,
    base: Omit<JobStart, 'argv'>,
    node: SetNode,
  ): JobSet {
    const set: JobSet = {
      setId: randomUUID(),
      ...where,
      maxJobs,
      startedAt: Date.now(),
      endedAt: null,
      lines: lines.map((line) => ({ line, state: 'waiting' })),
    };
    this.sets.unshift(set);
    this.trim();
    void runJobSet(set, node, base);
    return structuredClone(set);
  }

  /** Copies, so a caller's JSON is a snapshot, not a view of a set still changing. */
  of(clusterId: string): JobSet[] {
    return this.sets.filter((s) => s.clusterId === clusterId).map((s) => structuredClone(s));
  }

  private trim(): void {
    let ended = 0;
    for (let i = 0; i < this.sets.length; i++) {
      if (this.sets[i]!.endedAt !== null && ++ended > KEEP_ENDED) this.sets.splice(i--, 1);
    }
  }
}
