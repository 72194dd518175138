import { computed, reactive, ref, type InjectionKey, type Ref } from 'vue';
import { mosrunCommandLine } from '../../../../../agent/src/mosrun/build';
import type { ClusterSummary } from '../../../../../electron/api';
import { useHub } from '../../../hub/useHub';
import { messageOf } from '../../../shared/messageOf';
import { useMetricsStore } from '../../metrics/metricsStore';
import { formFromLine } from './pastedLine';
import { planNodes } from './planNodes';
import { clusterEngine, planRun, type RunPlan } from './runPlan';
import { emptyForm, formToOptions, type RunForm } from './runForm';
import { readStartFields } from './startFields';

/** The agent user's home: where a job starts unless the admin says otherwise. */
function homeOf(cluster: ClusterSummary): string {
  const user = cluster.nodes.find((n) => n.hello)?.hello?.user;
  return !user || user.isRoot ? '/root' : `/home/${user.name}`;
}

/** What the form means as it is typed: problems, the mosrun line, and where it would start. */
function useFormMeaning(cluster: Ref<ClusterSummary>, form: RunForm, homeNodeId: Ref<string>) {
  const metrics = useMetricsStore();
  const nodes = computed(() => planNodes(cluster.value, (id) => metrics.sampleOf(cluster.value.id, id)));
  const engine = computed(() => clusterEngine(nodes.value));
  const read = computed(() => formToOptions(form));
  const start = computed(() => readStartFields(form));
  const problems = computed(() => ({ ...read.value.problems, ...start.value.problems }));
  const commandLine = computed(() => {
    const o = read.value.options;
    return o ? mosrunCommandLine(o) : null;
  });
  const plan = computed<RunPlan | null>(() => {
    const o = read.value.options;
    if (!o || Object.keys(problems.value).length) return null;
    const s = start.value;
    const input = { options: o, cwd: s.cwd, env: s.env, lines: s.lines, nodes: nodes.value };
    return planRun(homeNodeId.value ? { ...input, homeNodeId: homeNodeId.value } : input, engine.value);
  });
  return { nodes, engine, problems, commandLine, plan };
}

/** One Run dialog's state: the form, what it means, where it would start, and the start itself. */
export function useRunDialog(cluster: Ref<ClusterSummary>) {
  const hub = useHub();
  const form = reactive<RunForm>(emptyForm(homeOf(cluster.value)));
  const homeNodeId = ref<string>('');
  const meaning = useFormMeaning(cluster, form, homeNodeId);
  const plan = meaning.plan;
  const pasteProblem = ref<string | null>(null);
  const starting = ref(false);
  const startError = ref<string | null>(null);

  function reset(fields: Partial<RunForm> = {}): void {
    Object.assign(form, emptyForm(homeOf(cluster.value)), fields);
    pasteProblem.value = null;
    startError.value = null;
  }
  function paste(line: string): boolean {
    const r = formFromLine(line, form);
    if ('problem' in r) return ((pasteProblem.value = r.problem), false);
    Object.assign(form, r.form);
    pasteProblem.value = null;
    return true;
  }
  /** Starts what the plan says; the new job (or set) on success, null with `startError` on refusal. */
  async function run() {
    const p = plan.value;
    if (!p?.ok || starting.value) return null;
    starting.value = true;
    startError.value = null;
    try {
      const c = p.call;
      const clusterId = cluster.value.id;
      if (c.method === 'jobs.run')
        return { job: await hub.call('jobs.run', { clusterId, nodeId: c.nodeId, start: c.start }) };
      const { nodeId, lines, maxJobs, start: s } = c;
      return { set: await hub.call('jobs.runSet', { clusterId, nodeId, lines, maxJobs, start: s }) };
    } catch (err) {
      startError.value = messageOf(err);
      return null;
    } finally {
      starting.value = false;
    }
  }
  return {
    ...meaning,
    form,
    homeNodeId,
    pasteProblem,
    starting,
    startError,
    reset,
    paste,
    run,
  };
}

export type RunDialogState = ReturnType<typeof useRunDialog>;
export const RUN_DIALOG: InjectionKey<RunDialogState> = Symbol('runDialog');
