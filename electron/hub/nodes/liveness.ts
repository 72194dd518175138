import type { AgentClient } from '../agents/agentClient';

export interface LivenessOptions {
  /** How often to ping the agent. */
  intervalMs: number;
  /** With no answer for this long, the link is given up as dead. */
  deadAfterMs: number;
}

const DEFAULTS: LivenessOptions = { intervalMs: 1000, deadAfterMs: 3500 };

/**
 * Pings an agent so that a node whose link went silent (a cable pulled, a frozen host) is
 * declared dead within seconds, not when TCP gives up minutes later. A slow node still
 * answers, late: any answer within `deadAfterMs` keeps it alive.
 */
export class Liveness {
  private readonly timer: NodeJS.Timeout;
  private lastAnswer = Date.now();
  private stopped = false;

  constructor(
    private readonly client: AgentClient,
    private readonly onDead: (reason: string) => void,
    private readonly opts: LivenessOptions = DEFAULTS,
  ) {
    this.timer = setInterval(() => this.tick(), opts.intervalMs);
  }

  stop(): void {
    this.stopped = true;
    clearInterval(this.timer);
  }

  private tick(): void {
    if (this.stopped) return;
    const silentFor = Date.now() - this.lastAnswer;
    if (silentFor >= this.opts.deadAfterMs) {
      this.stop();
      this.onDead(`no answer from the agent for ${(silentFor / 1000).toFixed(1)} s`);
      return;
    }
    this.client.request('ping', {}, this.opts.deadAfterMs).then(
      () => {
        this.lastAnswer = Date.now();
      },
      () => undefined,
    );
  }
}
