import { randomUUID } from 'node:crypto';
import type { HostKeyPrompt } from '../../api';
import { HubError } from '../errors';

/** Who waits on a prompt: the nodes whose connection offered this key. */
export interface PromptWaiter {
  clusterId: string;
  nodeId: string;
  onAnswer(accept: boolean): void;
}

interface Pending {
  prompt: HostKeyPrompt;
  keyBlob: Buffer;
  waiters: PromptWaiter[];
}

export interface PromptEvents {
  prompt(p: HostKeyPrompt): void;
  resolved(promptId: string): void;
}

/**
 * Host keys waiting for the user. One prompt per host, port and key, however many nodes
 * offered it (a jump host shared by a whole cluster is asked about once).
 */
export class HostKeyPrompts {
  private readonly pending = new Map<string, Pending>();
  /** Prompts whose key is being saved. */
  private readonly answering = new Set<string>();

  constructor(
    private readonly events: PromptEvents,
    /** Saves an accepted key; the prompt stays open if this fails. */
    private readonly accept: (p: HostKeyPrompt, keyBlob: Buffer) => Promise<void>,
  ) {}

  ask(prompt: Omit<HostKeyPrompt, 'promptId'>, keyBlob: Buffer, waiter: PromptWaiter): void {
    for (const p of this.pending.values()) {
      const same = p.prompt.host === prompt.host && p.prompt.port === prompt.port && p.keyBlob.equals(keyBlob);
      if (!same) continue;
      const others = p.waiters.filter((w) => w.clusterId !== waiter.clusterId || w.nodeId !== waiter.nodeId);
      p.waiters = [...others, waiter];
      return;
    }
    const full: HostKeyPrompt = { ...prompt, promptId: randomUUID() };
    this.pending.set(full.promptId, { prompt: full, keyBlob, waiters: [waiter] });
    this.events.prompt(full);
  }

  list(): HostKeyPrompt[] {
    return [...this.pending.values()].map((p) => ({ ...p.prompt }));
  }

  async answer(promptId: string, accept: boolean): Promise<void> {
    const p = this.pending.get(promptId);
    if (!p) throw new HubError('not-found', 'That host key question was already answered or is no longer asked.');
    // One answer at a time: a second one (another window, a double click) while the key is
    // being saved would tell the waiters twice, or refuse a key that is being saved.
    if (this.answering.has(promptId)) throw new HubError('not-found', 'That host key question is being answered.');
    this.answering.add(promptId);
    try {
      if (accept) await this.accept(p.prompt, p.keyBlob);
    } finally {
      this.answering.delete(promptId);
    }
    this.pending.delete(promptId);
    this.events.resolved(promptId);
    for (const w of p.waiters) w.onAnswer(accept);
  }

  /** Drops the waiters of a removed cluster, and prompts nobody waits on any more. */
  forgetCluster(clusterId: string): void {
    this.forgetWaiters((w) => w.clusterId === clusterId);
  }

  /** The same for one node that was removed from its cluster. */
  forgetNode(clusterId: string, nodeId: string): void {
    this.forgetWaiters((w) => w.clusterId === clusterId && w.nodeId === nodeId);
  }

  private forgetWaiters(gone: (w: PromptWaiter) => boolean): void {
    for (const [id, p] of this.pending) {
      p.waiters = p.waiters.filter((w) => !gone(w));
      if (p.waiters.length > 0) continue;
      this.pending.delete(id);
      this.events.resolved(id);
    }
  }
}
