import { onBeforeUnmount, ref, watch, type Ref } from 'vue';
import type { ClusterJob } from '../../../../electron/api';
import { useHub } from '../../hub/useHub';
import { messageOf } from '../../shared/messageOf';

/** How often a running job's output is read: often enough to feel live, rare enough for 100 jobs' nodes. */
export const OUTPUT_POLL_MS = 500;

export type OutputStream = 'stdout' | 'stderr';

/**
 * Tails one stream of one job into `write`, from the start, until the job has ended and the
 * whole file is read. A change of job or stream calls `reset` and starts again from byte 0.
 */
export function useJobOutput(
  clusterId: Ref<string>,
  job: Ref<ClusterJob | null>,
  stream: Ref<OutputStream>,
  sink: { write: (text: string) => void; reset: () => void },
) {
  const hub = useHub();
  const error = ref<string | null>(null);
  const sizeBytes = ref(0);
  const complete = ref(false);
  let generation = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;

  async function tail(gen: number, j: ClusterJob, s: OutputStream, offset: number): Promise<void> {
    if (gen !== generation) return;
    let next = offset;
    try {
      const out = await hub.call('jobs.output', {
        clusterId: clusterId.value,
        nodeId: j.nodeId,
        runId: j.runId,
        stream: s,
        offset,
      });
      if (gen !== generation) return;
      if (out.data) sink.write(out.data);
      next = out.nextOffset;
      sizeBytes.value = out.sizeBytes;
      error.value = null;
      if (out.ended && out.nextOffset >= out.sizeBytes) return void (complete.value = true);
    } catch (err) {
      if (gen !== generation) return;
      error.value = messageOf(err);
    }
    timer = setTimeout(() => void tail(gen, j, s, next), OUTPUT_POLL_MS);
  }

  watch(
    [() => job.value?.runId, () => job.value?.nodeId, stream],
    () => {
      generation++;
      clearTimeout(timer);
      sink.reset();
      error.value = null;
      sizeBytes.value = 0;
      complete.value = false;
      if (job.value) void tail(generation, job.value, stream.value, 0);
    },
    { immediate: true },
  );
  onBeforeUnmount(() => {
    generation++;
    clearTimeout(timer);
  });
  return { error, sizeBytes, complete };
}
