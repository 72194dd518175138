import type { ProcFacts } from '../annotations';
import type { ProcRow } from '../../../protocol/procTypes';
import { type AgentIdentity, buildRow } from './rows';
import type { ProcSample } from './sample';

interface Built {
  sample: ProcSample;
  agent: AgentIdentity;
  row: ProcRow;
}

/**
 * The rows of a stream's previous table, reused for processes where nothing changed: the
 * scanner hands over the very same sample for a process whose stat line has not changed, and
 * a row depends on nothing else but the agent's records (compared as the row shows them: a
 * job record is updated in place) and the agent's uids. An unchanged row is then the same
 * object, which the diff sees at once; most rows of a big table are idle processes.
 */
export class RowCache {
  private previous = new Map<number, Built>();
  private current = new Map<number, Built>();

  row(s: ProcSample, facts: ProcFacts, agent: AgentIdentity): ProcRow {
    const built = this.previous.get(s.pid);
    const row =
      built && built.sample === s && sameAgent(built.agent, agent) && sameFacts(built.row, facts)
        ? built.row
        : buildRow(s, facts, agent);
    this.current.set(s.pid, { sample: s, agent, row });
    return row;
  }

  /** Call after each table: processes not in it are forgotten. */
  endTable(): void {
    this.previous = this.current;
    this.current = new Map();
  }
}

function sameAgent(a: AgentIdentity, b: AgentIdentity): boolean {
  return a.uid === b.uid && a.euid === b.euid;
}

/** Whether `facts` give the columns `row` took from the agent's records. */
function sameFacts(row: ProcRow, { job, freeze }: ProcFacts): boolean {
  if (row.freeze !== freeze) return false;
  if (!job) return row.class === 'native';
  return row.class === 'local' && row.dueAt === job.dueAt && row.jobId === job.jobId && row.runId === job.runId;
}
