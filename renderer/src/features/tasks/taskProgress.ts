/** A task over several nodes (an apply of /etc/mosix) in words: how far its nodes are. */
import type { ApplyNodePhase, TaskNodeProgress, TaskRecord } from '../../../../electron/api';

/** Phases in the order an apply goes through them, for a stable summary. */
const ORDER: ApplyNodePhase[] = [
  'switched',
  'switching',
  'staged',
  'staging',
  'waiting',
  'discarded',
  'declined',
  'failed',
  'unknown',
];

/** "2 switched · 1 staging · 1 declined", or '' for a task on one node. */
export function progressSummary(t: TaskRecord): string {
  if (!t.progress || t.progress.length === 0) return '';
  const counts = new Map<ApplyNodePhase, number>();
  for (const p of t.progress) counts.set(p.phase, (counts.get(p.phase) ?? 0) + 1);
  return ORDER.filter((phase) => counts.has(phase))
    .map((phase) => `${counts.get(phase)} ${phase}`)
    .join(' · ');
}

/** Nodes that went wrong or wait: shown first in the drawer. */
export const progressTone = (p: TaskNodeProgress): 'ok' | 'bad' | 'active' =>
  p.phase === 'switched' || p.phase === 'discarded'
    ? 'ok'
    : p.phase === 'declined' || p.phase === 'failed' || p.phase === 'unknown'
      ? 'bad'
      : 'active';
