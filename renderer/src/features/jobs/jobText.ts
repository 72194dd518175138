/** How the jobs list writes a job: its command line, state, exit status and times. Pure. */
import type { ClusterJob, JobSet } from '../../../../electron/api';
import { shellWord } from '../../../../agent/src/mosrun/words';

/** The argv as a shell would read it back, so it can be copied into a terminal. */
export const commandLineOf = (argv: readonly string[]) => argv.map(shellWord).join(' ');

export const ENDED_STATES: ReadonlySet<ClusterJob['state']> = new Set(['exited', 'lost']);
export const hasEnded = (job: Pick<ClusterJob, 'state'>) => ENDED_STATES.has(job.state);

/** The exit column: the code, the signal that ended it, "lost" when the agent lost track, blank while it runs. */
export function exitText(job: Pick<ClusterJob, 'state' | 'exit'>): string {
  if (job.exit) return job.exit.signal ?? String(job.exit.code ?? '?');
  return job.state === 'lost' ? 'unknown' : '';
}

/** Whether the exit status is a failure (non-zero, a signal, or unknown). */
export function exitFailed(job: Pick<ClusterJob, 'state' | 'exit'>): boolean {
  if (job.exit) return job.exit.signal !== null || job.exit.code !== 0;
  return job.state === 'lost';
}

/** `12 s`, `4 min 5 s`, `2 h 3 min`: how long it ran, or has run so far. */
export function durationText(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 60) return `${s} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m} min ${s % 60} s`;
  const h = Math.floor(m / 60);
  if (h < 48) return `${h} h ${m % 60} min`;
  return `${Math.floor(h / 24)} d ${h % 24} h`;
}

/** A set's progress in a line: "6 lines, at most 2 at once: 1 running, 2 waiting, 3 done, 0 failed". */
export function setSummary(set: JobSet): string {
  const count = (state: JobSet['lines'][number]['state']) => set.lines.filter((l) => l.state === state).length;
  const parts = [
    `${count('running')} running`,
    `${count('waiting')} waiting`,
    `${count('done')} done`,
    `${count('failed')} failed`,
  ];
  return `${set.lines.length} line${set.lines.length === 1 ? '' : 's'}, at most ${set.maxJobs} at once: ${parts.join(', ')}`;
}
