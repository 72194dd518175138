import type { ConfigIssue } from '../../../../agent/src/protocol/configTypes';

/** The wizard's steps, in mosconf's order (reference/mosix.md §1.10), each with the files it writes. */
export type StepId = 'nodes' | 'addresses' | 'numbering' | 'partners' | 'queue' | 'freezing' | 'review';

export interface WizardStep {
  id: StepId;
  title: string;
  /** What the step sets, in one sentence. */
  explain: string;
  /** Which /etc/mosix files its settings live in: a name, or a folder ending in "/". */
  files: readonly string[];
}

export const WIZARD_STEPS: readonly WizardStep[] = [
  {
    id: 'nodes',
    title: "This cluster's nodes",
    explain:
      'The ranges of addresses that make up this cluster (mosix.map): MOSIX numbers the nodes 1, 2, … in this order, and a proximate range has a fast link, so nothing is compressed on the way there.',
    files: ['mosix.map'],
  },
  {
    id: 'addresses',
    title: 'MOSIX addresses',
    explain:
      'The address MOSIX uses on each node (mosip): needed only where a node has several, so that it knows which one the map means.',
    files: ['mosip'],
  },
  {
    id: 'numbering',
    title: 'Logical numbering',
    explain:
      'The node numbers users see (userview.map), used by mosrun -{n}, -j ranges and mosctl whois; without it, the map’s order numbers the nodes.',
    files: ['userview.map'],
  },
  {
    id: 'partners',
    title: 'Partner clusters',
    explain:
      'Other clusters of the multi-cluster (partners/): the priority this cluster gives each (lower is better), whether local processes may go there, whether their guests may come here, and the ranges of their nodes.',
    files: ['partners/'],
  },
  {
    id: 'queue',
    title: 'The queue',
    explain:
      'The default priority of queued jobs (lower runs first; 50 unless set) and the rules that let jobs bypass the queue without any resource check.',
    files: ['queue.conf'],
  },
  {
    id: 'freezing',
    title: 'Freezing policy',
    explain:
      'Where frozen processes’ memory is written, and for each class the load above which processes are frozen (red), below which they are continued (blue), and how they take turns.',
    files: ['freeze.conf'],
  },
  {
    id: 'review',
    title: 'Review and apply',
    explain:
      'What will change on each node, where the nodes disagree now, and the apply: every node stages the new files, and only when all have does any switch.',
    files: [],
  },
];

/** The step whose files hold `file`; undefined for a file no step edits. */
export function stepOfFile(file: string): StepId | undefined {
  return WIZARD_STEPS.find((step) => step.files.some((f) => (f.endsWith('/') ? file.startsWith(f) : file === f)))?.id;
}

/** Issues grouped by the step that can fix them; those of files no step edits go to review. */
export function issuesByStep(issues: readonly ConfigIssue[]): Map<StepId, ConfigIssue[]> {
  const byStep = new Map<StepId, ConfigIssue[]>(WIZARD_STEPS.map((s) => [s.id, []]));
  for (const issue of issues) byStep.get(stepOfFile(issue.file) ?? 'review')!.push(issue);
  return byStep;
}

/** "mosix.map line 3: …", the way every issue is said in the wizard. */
export function issueText(issue: ConfigIssue): string {
  return issue.message.startsWith(issue.file)
    ? issue.message
    : `${issue.file}${issue.line ? ` line ${issue.line}` : ''}: ${issue.message}`;
}
