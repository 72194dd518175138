/**
 * Finishing an apply that was cut short (the hub was closed or killed, or nodes went away), from
 * its journal entry and fresh reads of its nodes (their pending applies and backups):
 * - the hub had decided to switch, or every node had staged: roll forward (switch the rest);
 *   a node that can no longer switch (its staged files are gone) has the switched ones rolled back;
 * - otherwise some node never staged: discard wherever something is staged; nothing switched.
 * A node that cannot be reached keeps the apply `recovering`; it is tried again when the node is back.
 */
import type { ApplyNode, ConfigApply } from '../../api';
import { messageOf } from '../errors';
import { namesOf } from './applyText';
import {
  type ApplyContext,
  agentOf,
  filesOf,
  hasPending,
  readNode,
  setNode,
  switchedIn,
  switchOne,
} from './applySteps';
import { eachNode, settle } from './twoPhase';

const saveJournal = (ctx: ApplyContext): Promise<void> =>
  ctx.journal.save().catch((err: unknown) => ctx.log.warn('the journal of applies could not be written', err));

export type Direction = 'switch' | 'discard';

const STAGED_OR_LATER = new Set(['staged', 'switching', 'switched']);

export function recoveryDirection(apply: ConfigApply): Direction {
  if (apply.decided) return apply.decided;
  return apply.nodes.every((n) => STAGED_OR_LATER.has(n.phase)) ? 'switch' : 'discard';
}

/** Starts a rollback of `nodeIds` to backup `apply.applyId`; returns its apply id, throws when it cannot start. */
export type StartRollback = (apply: ConfigApply, nodeIds: string[]) => Promise<string>;

async function discardIfPending(ctx: ApplyContext, apply: ConfigApply, node: ApplyNode): Promise<void> {
  const agent = agentOf(ctx, apply, node, 'may have staged; waiting for it to remove that');
  const read = agent && (await readNode(ctx, agent, node));
  if (!agent || !read) {
    setNode(ctx, apply, node, { phase: 'unknown', ...(agent && { text: 'could not be read; tried again later' }) });
    return;
  }
  if (hasPending(read, apply.applyId)) {
    try {
      await agent.discard(apply.applyId);
      setNode(ctx, apply, node, { phase: 'discarded', text: 'staged files removed' });
    } catch (err) {
      setNode(ctx, apply, node, { phase: 'unknown', text: `could not remove its staged files: ${messageOf(err)}` });
    }
  } else if (node.phase === 'staged')
    setNode(ctx, apply, node, { phase: 'discarded', text: 'nothing staged any more' });
  else if (node.phase !== 'failed')
    setNode(ctx, apply, node, { phase: 'failed', text: 'never staged: the apply was cut short' });
}

async function forwardOne(ctx: ApplyContext, apply: ConfigApply, node: ApplyNode): Promise<void> {
  const agent = agentOf(ctx, apply, node, 'staged; waiting for it to switch');
  const read = agent && (await readNode(ctx, agent, node));
  if (!agent || !read) {
    setNode(ctx, apply, node, { phase: 'unknown', ...(agent && { text: 'could not be read; tried again later' }) });
    return;
  }
  if (switchedIn(read, apply.applyId)) setNode(ctx, apply, node, { phase: 'switched', text: 'switched' });
  else if (hasPending(read, apply.applyId)) await switchOne(ctx, apply, node);
  else
    setNode(ctx, apply, node, {
      phase: 'failed',
      text: 'its staged files are gone: it can no longer switch',
      now: filesOf(read, node.files),
    });
}

/** Rolls the switched nodes back when another cannot switch; false while that cannot start yet. */
async function rollBackSwitched(ctx: ApplyContext, apply: ConfigApply, start: StartRollback): Promise<boolean> {
  const switched = apply.nodes.filter((n) => n.phase === 'switched');
  if (apply.rolledBackBy || switched.length === 0 || switched.length === apply.nodes.length) return true;
  try {
    apply.rolledBackBy = await start(
      apply,
      switched.map((n) => n.nodeId),
    );
    return true;
  } catch (err) {
    const outcome = `${namesOf(switched)} switched and another node cannot; rolling them back waits: ${messageOf(err)}`;
    Object.assign(apply, { state: 'recovering', outcome });
    ctx.changed(apply);
    await saveJournal(ctx);
    return false;
  }
}

/** One attempt; the caller makes sure no two run on the same apply. */
export async function recoverApply(ctx: ApplyContext, apply: ConfigApply, startRollback: StartRollback): Promise<void> {
  const direction = recoveryDirection(apply);
  Object.assign(apply, { decided: direction, state: 'recovering' });
  ctx.changed(apply);
  await saveJournal(ctx);
  if (direction === 'discard') {
    const open = apply.nodes.filter((n) => n.phase !== 'declined' && n.phase !== 'discarded');
    await eachNode(ctx, open, (n) => discardIfPending(ctx, apply, n));
    await settle(ctx, apply);
    return;
  }
  await eachNode(
    ctx,
    apply.nodes.filter((n) => n.phase !== 'switched'),
    (n) => forwardOne(ctx, apply, n),
  );
  if (apply.nodes.some((n) => n.phase === 'unknown')) {
    await settle(ctx, apply);
    return;
  }
  if (!(await rollBackSwitched(ctx, apply, startRollback))) return;
  await settle(ctx, apply);
  if (apply.rolledBackBy && apply.outcome) {
    apply.outcome += ` mosdesk rolled them back by itself (apply ${apply.rolledBackBy}), so the nodes agree again.`;
    delete apply.rollback;
    ctx.changed(apply);
    await saveJournal(ctx);
  }
}
