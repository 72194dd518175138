import { computed, type Ref } from 'vue';
import { configDrift, type ConfigFiles } from '../../../../agent/src/mosixConfig';
import type { NodeConfigRead } from './configApi';
import { draftIssues, filesOf, nodeChanges, type ConfigDraft } from './configDraft';
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
  const issues = computed(() => (draft.value ? draftIssues(draft.value, perNode.value) : []));
  const byStep = computed(() => issuesByStep(issues.value));
  const errors = computed(() => issues.value.filter((i) => i.severity === 'error'));
  /** Per node, what its `config.stage` gets. */
  const changes = computed(() => {
    const d = draft.value;
    if (!d) return [];
    return reads.value.flatMap((r) =>
      r.ok ? [{ nodeId: r.nodeId, changes: nodeChanges(d, r.nodeId, r.snapshot) }] : [],
    );
  });
  return { perNode, unreadable, drift, issues, byStep, errors, changes };
}
