import type { AgentClient } from '../agents/agentClient';

export interface LivenessOptions {
  /** How often to ping the agent. */
  intervalMs: number;
  /** With nothing heard from the agent for this long, the link is given up as dead. */
  deadAfterMs: number;
}

const DEFAULTS: LivenessOptions = { intervalMs: 1000, deadAfterMs: 3500 };

/**
 * Pings an agent so that a node whose link went silent (a cable pulled, a frozen host) is
 * declared dead within seconds, not when TCP gives up minutes later. Anything the agent sends
 * counts as a sign of life (a ping's answer, another reply, a metrics sample, part of a long
 * reply), so a busy link that delays the pong is not called dead.
 */
export class Liveness {
  private readonly timer: NodeJS.Timeout;
  private readonly stopListening: () => void;
  private lastHeard = Date.now();
  private stopped = false;

  constructor(
    private readonly client: AgentClient,
    private readonly onDead: (reason: string) => void,
    private readonly opts: LivenessOptions = DEFAULTS,
  ) {
    this.stopListening = client.onActivity(() => {
      this.lastHeard = Date.now();
    });
    this.timer = setInterval(() => this.tick(), opts.intervalMs);
  }

  stop(): void {
    this.stopped = true;
    this.stopListening();
    clearInterval(this.timer);
  }

  private tick(): void {
    if (this.stopped) return;
    const silentFor = Date.now() - this.lastHeard;
    if (silentFor >= this.opts.deadAfterMs) {
      this.stop();
      this.onDead(`no answer from the agent for ${(silentFor / 1000).toFixed(1)} s`);
      return;
    }
    // The answer is seen by onActivity; a failed ping (timeout, closed pipe) is ended elsewhere.
    this.client.request('ping', {}, this.opts.deadAfterMs).catch(() => undefined);
  }
}
