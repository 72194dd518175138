import { diffRows } from '../../engines/linux/processes/diff';
import type { ProcChanges, ProcRow } from '../../protocol/procTypes';
import { everyInterval, type StartStream } from './stream';

/**
 * The 'procs' stream: the whole filtered table first, then at each tick the rows that are new or
 * changed and the pids that are gone (or no longer match the filter). A tick with no change is
 * still sent, empty, so the hub knows the table is current as of `at`. A tick skipped for flow
 * control reads nothing; the next one is compared with what was last sent.
 */
export const startProcsStream: StartStream = (ctx, subscriptionId, params) => {
  const reader = ctx.engine.processes('stream');
  const filter = { scope: params.scope, jobId: params.jobId, user: params.user };
  let sent: Map<number, ProcRow> | null = null;
  const stream = everyInterval(ctx, params.intervalMs, async (prompt) => {
    const { at, rows } = await reader.read(filter);
    const changes: ProcChanges =
      sent === null
        ? { at, full: true, upserted: rows, removed: [] }
        : { at, full: false, ...diffRows(sent, rows), ...(prompt && { prompt: true }) };
    sent = new Map();
    for (const row of rows) sent.set(row.pid, row);
    ctx.notify('procs', { subscriptionId, changes });
  });
  return {
    nudge: stream.nudge,
    stop() {
      stream.stop();
      reader.close();
    },
  };
};
