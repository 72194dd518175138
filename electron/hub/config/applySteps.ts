/**
 * One node's steps of an apply: stage, switch, discard, each recording the node's phase and a
 * sentence in the apply. A step sends its write once; after an error it only reads to learn
 * what the node did, and never sends the write again by itself.
 */
import type { ConfigChange, ConfigFileState, ConfigSnapshot } from '../../../agent/src/protocol/configTypes';
import type { ApplyNode, ConfigApply } from '../../api';
import { messageOf } from '../errors';
import type { HubLog } from '../log';
import type { ApplyJournal } from './applyJournal';
import { declinedText, stagedText } from './applyText';
import type { ConfigAgent, ConfigNodes } from './configPort';

/** Nodes asked at once in each phase (as when connecting: sshd's MaxStartups, the workstation's limits). */
export const APPLY_FANOUT = 16;

export interface ApplyContext {
  nodes: ConfigNodes;
  journal: ApplyJournal;
  /** The apply (or one of its nodes) changed: tell the windows and the task. */
  changed(apply: ConfigApply): void;
  log: HubLog;
  now?: () => number;
  fanout?: number;
}

export function setNode(ctx: ApplyContext, apply: ConfigApply, node: ApplyNode, patch: Partial<ApplyNode>): void {
  Object.assign(node, patch, { at: (ctx.now ?? Date.now)() });
  ctx.changed(apply);
}

/** The node's agent now, or undefined after saying why in the node's text (its phase is kept). */
export function agentOf(ctx: ApplyContext, apply: ConfigApply, node: ApplyNode, what: string): ConfigAgent | undefined {
  const now = ctx.nodes.node(apply.clusterId, node.nodeId);
  if (now?.agent) return now.agent;
  const why = now ? `the node is down (${now.down})` : 'the node is no longer in the cluster';
  setNode(ctx, apply, node, { text: `${what}: ${why}` });
  return undefined;
}

/** A fresh read, or undefined (the reason logged) when the node cannot be read. */
export async function readNode(
  ctx: ApplyContext,
  agent: ConfigAgent,
  node: ApplyNode,
): Promise<ConfigSnapshot | undefined> {
  try {
    return await agent.read();
  } catch (err) {
    ctx.log.warn(`config.read on ${node.nodeName} failed`, err);
    return undefined;
  }
}

const hasPending = (s: ConfigSnapshot, applyId: string): boolean => s.pending.some((p) => p.applyId === applyId);
const hasBackup = (s: ConfigSnapshot, applyId: string): boolean => s.backups.some((b) => b.id === applyId);
/** The node switched this apply: its backup is there and nothing of it is pending. */
export const switchedIn = (s: ConfigSnapshot, applyId: string): boolean =>
  hasBackup(s, applyId) && !hasPending(s, applyId);
export { hasPending };

/** The node's files of these names as a read found them (a name it does not list is absent). */
export const filesOf = (s: ConfigSnapshot, names: readonly string[]): ConfigFileState[] =>
  names.map((name) => s.files.find((f) => f.name === name) ?? { name, present: false });

/** Phase 1 on one node. A node that is down or errs is `failed`; one that may have staged is discarded later. */
export async function stageOne(
  ctx: ApplyContext,
  apply: ConfigApply,
  node: ApplyNode,
  changes: ConfigChange[],
): Promise<void> {
  const now = ctx.nodes.node(apply.clusterId, node.nodeId);
  if (!now?.agent) {
    const why = now ? `down (${now.down})` : 'no longer in the cluster';
    setNode(ctx, apply, node, { phase: 'failed', text: `not staged: the node is ${why}` });
    return;
  }
  setNode(ctx, apply, node, { phase: 'staging', text: `staging ${node.files.length} file(s)` });
  try {
    const r = await now.agent.stage(apply.applyId, changes);
    if (r.staged)
      setNode(ctx, apply, node, { phase: 'staged', text: stagedText(node.files, r.issues), issues: r.issues });
    else {
      const text = declinedText(r.reason, r.conflicts, r.problems);
      setNode(ctx, apply, node, { phase: 'declined', text, conflicts: r.conflicts, problems: r.problems });
    }
  } catch (err) {
    // It may have staged before the error (a timeout, a lost link): the discard step looks.
    setNode(ctx, apply, node, { phase: 'unknown', text: `could not stage: ${messageOf(err)}` });
  }
}

/** Removes what the node may have staged; a node that cannot be asked stays `unknown` (recovery waits for it). */
export async function discardOne(ctx: ApplyContext, apply: ConfigApply, node: ApplyNode): Promise<void> {
  const before = node.phase === 'unknown' ? node.text : undefined;
  const agent = agentOf(ctx, apply, node, `${before ?? 'staged'}; what it staged is removed once it is back`);
  if (!agent) {
    setNode(ctx, apply, node, { phase: 'unknown' });
    return;
  }
  try {
    const { removed } = await agent.discard(apply.applyId);
    if (before === undefined || removed)
      setNode(ctx, apply, node, { phase: 'discarded', text: `${before ? `${before}; ` : ''}staged files removed` });
    else setNode(ctx, apply, node, { phase: 'failed', text: `${before}; nothing was staged` });
  } catch (err) {
    setNode(ctx, apply, node, { phase: 'unknown', text: `could not remove its staged files: ${messageOf(err)}` });
  }
}

/** Phase 2 on one node; after an error, a fresh read says whether it switched. */
export async function switchOne(ctx: ApplyContext, apply: ConfigApply, node: ApplyNode): Promise<void> {
  const agent = agentOf(ctx, apply, node, 'staged, not switched yet; it switches once it is back');
  if (!agent) return;
  setNode(ctx, apply, node, { phase: 'switching', text: 'switching' });
  try {
    const r = await agent.switch(apply.applyId);
    if (r.switched) setNode(ctx, apply, node, { phase: 'switched', text: `switched ${node.files.join(', ')}` });
    else await afterFailedSwitch(ctx, apply, node, agent, r.reason, r.now);
  } catch (err) {
    await afterFailedSwitch(ctx, apply, node, agent, messageOf(err), undefined);
  }
}

async function afterFailedSwitch(
  ctx: ApplyContext,
  apply: ConfigApply,
  node: ApplyNode,
  agent: ConfigAgent,
  reason: string,
  now: ApplyNode['now'],
): Promise<void> {
  const read = await readNode(ctx, agent, node);
  if (!read) {
    setNode(ctx, apply, node, {
      phase: 'unknown',
      text: `switch not confirmed (${reason}); it is read again once it is back`,
    });
    return;
  }
  if (switchedIn(read, apply.applyId)) {
    setNode(ctx, apply, node, { phase: 'switched', text: `switched (seen in a read after: ${reason})` });
    return;
  }
  // Still staged: remove it, so the node keeps its old files and nothing is left behind.
  if (hasPending(read, apply.applyId)) await agent.discard(apply.applyId).catch(() => undefined);
  setNode(ctx, apply, node, {
    phase: 'failed',
    text: `could not switch: ${reason}`,
    now: now ?? filesOf(read, node.files),
  });
}
