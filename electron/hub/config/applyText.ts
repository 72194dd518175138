/** The sentences an apply says about its nodes and its end; pure, so they are tested as data. */
import type { ConfigConflict, ConfigIssue } from '../../../agent/src/protocol/configTypes';
import type { ApplyNode, ConfigApply } from '../../api';

export const filesText = (files: readonly string[]): string =>
  files.length === 1 ? (files[0] as string) : `${files.length} files (${files.join(', ')})`;

export const namesOf = (nodes: readonly ApplyNode[]): string => nodes.map((n) => n.nodeName).join(', ');

/** Why a node refused to stage: its reason, else the conflicts, else the first problem. */
export function declinedText(
  reason: string | undefined,
  conflicts: readonly ConfigConflict[],
  problems: readonly ConfigIssue[],
): string {
  if (reason) return `refused: ${reason}`;
  if (conflicts.length > 0) {
    const names = conflicts.map((c) => c.name).join(', ');
    return `refused: changed on the node since it was read (${names}); read it again and review the change`;
  }
  const first = problems[0];
  if (!first) return 'refused without saying why';
  const where = first.line === undefined ? first.file : `${first.file} line ${first.line}`;
  const more = problems.length > 1 ? ` (and ${problems.length - 1} more)` : '';
  return `refused: ${where}: ${first.message}${more}`;
}

export function stagedText(files: readonly string[], issues: readonly ConfigIssue[]): string {
  const warnings = issues.filter((i) => i.severity === 'warning').length;
  return `staged ${filesText(files)}${warnings ? `, with ${warnings} warning${warnings > 1 ? 's' : ''}` : ''}`;
}

/** The end of an apply where nothing was switched: who refused or failed, and why. */
export function nothingSwitchedText(apply: ConfigApply): string {
  const bad = apply.nodes.filter((n) => n.phase === 'declined' || n.phase === 'failed');
  const why = bad.map((n) => `${n.nodeName}: ${n.text}`).join('; ');
  const removed = apply.nodes.filter((n) => n.phase === 'discarded').length;
  const cleanup = removed > 0 ? ` and the files staged on ${removed} node${removed > 1 ? 's' : ''} were removed` : '';
  return `Nothing was switched on any node${cleanup}. ${why || 'The apply was cut short before every node had staged.'}`;
}

/** A switch that did not go through everywhere: who switched, who did not, and what to do. */
export function partlySwitchedText(apply: ConfigApply): string {
  const switched = apply.nodes.filter((n) => n.phase === 'switched');
  const failed = apply.nodes.filter((n) => n.phase !== 'switched');
  const why = failed.map((n) => `${n.nodeName}: ${n.text}`).join('; ');
  if (switched.length === 0) return `No node switched. ${why}`;
  return `Switched on ${namesOf(switched)} but not on ${namesOf(failed)} (${why}). The nodes disagree: roll back ${namesOf(switched)} (backup ${apply.applyId}) or fix ${namesOf(failed)} and apply again.`;
}

export const doneText = (apply: ConfigApply): string =>
  `Switched on every node (${apply.nodes.length}); the old files are in backup ${apply.applyId}.`;
