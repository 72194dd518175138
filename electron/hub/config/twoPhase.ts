/**
 * An apply across a cluster in two phases. Phase 1: every node stages (a bounded number at a
 * time). Only when every node has staged is the decision to switch written to the journal, and
 * only then does phase 2 switch every node. Any node that refuses, errs or is down in phase 1
 * makes the apply discard what the others staged: nothing switches anywhere.
 */
import type { ConfigChange } from '../../../agent/src/protocol/configTypes';
import type { ApplyNode, ConfigApply } from '../../api';
import { messageOf } from '../errors';
import { Fanout } from '../nodes/fanout';
import { doneText, namesOf, nothingSwitchedText, partlySwitchedText } from './applyText';
import { APPLY_FANOUT, type ApplyContext, discardOne, stageOne, switchOne } from './applySteps';

/** Runs `step` on each node with at most ctx.fanout at once. */
export async function eachNode(
  ctx: ApplyContext,
  nodes: readonly ApplyNode[],
  step: (node: ApplyNode) => Promise<void>,
): Promise<void> {
  const fanout = new Fanout(ctx.fanout ?? APPLY_FANOUT);
  await Promise.all(nodes.map((n) => fanout.run(() => step(n))));
}

/** Records a state and waits until the journal holds it; the journal's failure is thrown. */
async function record(ctx: ApplyContext, apply: ConfigApply, patch: Partial<ConfigApply>): Promise<void> {
  Object.assign(apply, patch);
  ctx.changed(apply);
  await ctx.journal.save();
}

/** Ends the apply (also after a recovery) by what its nodes say; a node still unknown keeps it recovering. */
export async function settle(ctx: ApplyContext, apply: ConfigApply, waitingWhy?: string): Promise<void> {
  const unknown = apply.nodes.filter((n) => n.phase === 'unknown' || n.phase === 'staging' || n.phase === 'switching');
  const now = (ctx.now ?? Date.now)();
  if (unknown.length > 0) {
    const why = waitingWhy ?? `Waiting for ${namesOf(unknown)} to be reachable to finish the apply.`;
    await record(ctx, apply, { state: 'recovering', outcome: why }).catch((err: unknown) => warnJournal(ctx, err));
    return;
  }
  let patch: Partial<ConfigApply>;
  if (apply.decided === 'switch') {
    const switched = apply.nodes.filter((n) => n.phase === 'switched');
    if (switched.length === apply.nodes.length) patch = { state: 'done', outcome: doneText(apply) };
    else {
      patch = { state: 'failed', outcome: partlySwitchedText(apply) };
      if (switched.length > 0) patch.rollback = { backupId: apply.applyId, nodeIds: switched.map((n) => n.nodeId) };
    }
  } else {
    const declined = apply.nodes.some((n) => n.phase === 'declined');
    patch = { state: declined ? 'declined' : 'failed', outcome: nothingSwitchedText(apply) };
  }
  await record(ctx, apply, { ...patch, endedAt: now }).catch((err: unknown) => warnJournal(ctx, err));
}

function warnJournal(ctx: ApplyContext, err: unknown): void {
  ctx.log.warn('the journal of applies could not be written', err);
}

/** Phase 1's other end: remove what was (or may have been) staged; nothing switches. */
export async function discardAll(ctx: ApplyContext, apply: ConfigApply, why?: string): Promise<void> {
  await record(ctx, apply, { state: 'discarding', decided: 'discard' }).catch((err: unknown) => warnJournal(ctx, err));
  await eachNode(
    ctx,
    apply.nodes.filter((n) => n.phase === 'staged' || n.phase === 'unknown'),
    (n) => discardOne(ctx, apply, n),
  );
  await settle(ctx, apply, why && `${why} Waiting for the nodes that may have staged, to remove it.`);
}

/** Phase 2: every node switches (each once); then the apply ends, or waits for the nodes it lost. */
export async function switchAll(ctx: ApplyContext, apply: ConfigApply): Promise<void> {
  await eachNode(
    ctx,
    apply.nodes.filter((n) => n.phase !== 'switched'),
    (n) => switchOne(ctx, apply, n),
  );
  await settle(ctx, apply);
}

/** The whole apply, from a journal entry whose nodes are all `waiting`. */
export async function runApply(
  ctx: ApplyContext,
  apply: ConfigApply,
  changes: ReadonlyMap<string, ConfigChange[]>,
): Promise<void> {
  try {
    await record(ctx, apply, { state: 'staging' });
  } catch (err) {
    // Without the journal a killed hub could not undo it: refuse before anything is sent.
    for (const n of apply.nodes) Object.assign(n, { phase: 'failed', text: 'not sent' });
    const outcome = `The journal of applies could not be written (${messageOf(err)}); nothing was sent.`;
    Object.assign(apply, { state: 'failed', outcome, endedAt: (ctx.now ?? Date.now)() });
    ctx.changed(apply);
    return;
  }
  await eachNode(ctx, apply.nodes, (n) => stageOne(ctx, apply, n, changes.get(n.nodeId) ?? []));
  if (!apply.nodes.every((n) => n.phase === 'staged')) {
    await discardAll(ctx, apply);
    return;
  }
  try {
    // The decision is on disk before the first switch: a hub killed from here on rolls forward.
    await record(ctx, apply, { state: 'switching', decided: 'switch' });
  } catch (err) {
    for (const n of apply.nodes) n.text = `staged; not switched: the journal could not be written (${messageOf(err)})`;
    await discardAll(ctx, apply);
    return;
  }
  await switchAll(ctx, apply);
}
