import { computed, type Ref } from 'vue';
import { configDrift, type ConfigFiles } from '../../../../agent/src/mosixConfig';
import type { NodeConfigRead } from './configApi';
import { changesTo, draftIssues, filesOf, renderForNode, renderedIssues, type ConfigDraft } from './configDraft';
import { issuesByStep } from './wizardSteps';

/** What the wizard shows of the nodes' files and the draft, recomputed as either changes. */
export function draftViews(reads: Ref<NodeConfigRead[]>, draft: Ref<ConfigDraft | null>) {
  const perNode = computed(() => {
    const map = new Map<string, ConfigFiles>();
    for (const r of reads.value) if (r.ok) map.set(r.nodeId, filesOf(r.snapshot));
    return map;
  });
  const unreadable = computed(() => reads.value.filter((r) => !r.ok));
  const drift = computed(() => configDrift(perNode.value));
  /** Each read node's files after the apply, rendered once per edit and shared by the checks, the review and the apply. */
  const after = computed(() => {
    const d = draft.value;
    const map = new Map<string, ReturnType<typeof renderForNode>>();
    if (d) for (const [nodeId, now] of perNode.value) map.set(nodeId, renderForNode(d, nodeId, now));
    return map;
  });
  const issues = computed(() => {
    if (!draft.value) return [];
    return after.value.size ? renderedIssues(after.value.values()) : draftIssues(draft.value, perNode.value);
  });
  const byStep = computed(() => issuesByStep(issues.value));
  const errors = computed(() => issues.value.filter((i) => i.severity === 'error'));
  /** Per node, what its `config.stage` gets. */
  const changes = computed(() =>
    reads.value.flatMap((r) => {
      const rendered = r.ok ? after.value.get(r.nodeId) : undefined;
      return r.ok && rendered ? [{ nodeId: r.nodeId, changes: changesTo(r.snapshot, rendered.files) }] : [];
    }),
  );
  return { perNode, after, unreadable, drift, issues, byStep, errors, changes };
}
