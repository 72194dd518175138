import type { ConfigIssue } from '../protocol/configTypes';
import { entriesOf } from './document';
import { parseFiles, parseIssues } from './files';
import { factIssues, factsNeededOf } from './validateFacts';
import { mapIssues, partnerIssues, userviewIssues } from './validateMaps';
import { freezeIssues, mosipIssues, queueIssues } from './validatePolicy';
import type { ConfigFiles, NodeFacts } from './types';

/**
 * Every problem of a set of files: lines not understood, then checks across lines and files,
 * then (with `facts` from a node) host names, mosip and freeze directories as that node sees them.
 * Errors first, then warnings, each in file and line order.
 */
export function validateConfig(files: ConfigFiles, facts?: NodeFacts): ConfigIssue[] {
  const parsed = parseFiles(files);
  const hosts = facts?.hosts;
  const map = parsed.map ? entriesOf(parsed.map) : [];
  const issues = [
    ...parseIssues(parsed),
    ...mapIssues(parsed.map, hosts),
    ...userviewIssues(parsed.userview, map, hosts),
    ...partnerIssues(parsed, hosts),
    ...mosipIssues(parsed.mosip),
    ...freezeIssues(parsed.freeze),
    ...queueIssues(parsed.queue),
    ...factIssues(parsed, facts),
  ];
  const rank = (i: ConfigIssue) => (i.severity === 'error' ? 0 : 1);
  return issues
    .map((issue, order) => ({ issue, order }))
    .sort(
      (a, b) =>
        rank(a.issue) - rank(b.issue) ||
        cmp(a.issue.file, b.issue.file) ||
        (a.issue.line ?? 0) - (b.issue.line ?? 0) ||
        a.order - b.order,
    )
    .map((x) => x.issue);
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** What the agent must look up on a node before validateConfig can check hosts and freeze directories. */
export function factsNeeded(files: ConfigFiles): { hosts: string[]; dirs: string[] } {
  return factsNeededOf(parseFiles(files));
}
