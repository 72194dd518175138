import { defineStore } from 'pinia';
import { reactive, ref } from 'vue';
import { applyEnded, useConfigApi, type ConfigApply } from './configApi';
import { draftFromNodes, emptyDraft, type ConfigDraft } from './configDraft';
import { draftViews } from './draftViews';
import { useNodeReads } from './useNodeReads';
import type { StepId } from './wizardSteps';

/**
 * The configure wizard of one cluster at a time: what its nodes have now (read when the wizard
 * opens and before an apply), the draft being edited, and the apply in progress.
 */
export const useConfigureStore = defineStore('configure', () => {
  const api = useConfigApi();
  const clusterId = ref<string | null>(null);
  const { reads, loadError, backups, read } = useNodeReads(api);
  const draft = ref<ConfigDraft | null>(null);
  const source = ref<'nodes' | 'scratch'>('nodes');
  const step = ref<StepId>('nodes');
  const apply = ref<ConfigApply | null>(null);

  const { perNode, after, unreadable, drift, issues, byStep, errors, changes } = draftViews(reads, draft);

  /** Opens the wizard on a cluster: reads its nodes and starts from what they have. */
  async function open(id: string): Promise<void> {
    if (clusterId.value === id && draft.value) return;
    clusterId.value = id;
    draft.value = null;
    apply.value = null;
    step.value = 'nodes';
    await read(id);
    if (clusterId.value === id) start('nodes');
  }

  function start(from: 'nodes' | 'scratch'): void {
    source.value = from;
    const ids = reads.value.map((r) => r.nodeId);
    draft.value = reactive(from === 'scratch' ? emptyDraft(ids) : draftFromNodes(perNode.value)) as ConfigDraft;
  }

  /** Starts the apply; the hub's refusal reaches the caller (the confirmation shows it). */
  async function startApply(): Promise<void> {
    if (!clusterId.value || !draft.value) return;
    apply.value = await api.apply(
      clusterId.value,
      changes.value.filter((c) => c.changes.length > 0),
    );
  }

  async function rollback(backupId: string, nodeIds?: string[]): Promise<void> {
    if (clusterId.value) apply.value = await api.rollback(clusterId.value, backupId, nodeIds);
  }

  api.onApplyChanged((view) => {
    if (apply.value?.applyId !== view.applyId) return;
    apply.value = view;
    // The nodes have new files (or not): what the review compares against must be read again.
    if (applyEnded(view) && clusterId.value) void read(clusterId.value);
  });

  // prettier-ignore
  return {
    clusterId, reads, loadError, draft, source, step, apply, backups,
    perNode, after, unreadable, drift, issues, byStep, errors, changes,
    open, read, start, startApply, rollback,
  };
});
