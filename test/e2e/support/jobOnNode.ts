/**
 * Starts a job with a Job ID on a test node as `mosrun -J` would leave it: through the node's own
 * agent (the bundle, run once inside the node as root), which records it so that the hub's agent
 * on that node lists its processes with that Job ID. The job outlives that short-lived agent.
 */
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import type { TestCluster } from '../../cluster/testCluster';
import { AGENT_BUNDLE } from '../../support/dist';

export async function runJobOnNode(cluster: TestCluster, k: number, jobId: number, argv: string[]): Promise<number> {
  copyFileSync(AGENT_BUNDLE, join(cluster.node(k).home, 'job-agent.cjs'));
  const lines = [
    { jsonrpc: '2.0', id: 1, method: 'hello', params: { protocolVersion: 1 } },
    { jsonrpc: '2.0', id: 2, method: 'job.run', params: { argv, cwd: '/root', jobId } },
  ];
  // The agent answers both, then ends with its stdin; the job stays.
  const out = await cluster.run(k, ['node', '/root/job-agent.cjs', 'serve', '--stdio'], {
    input: lines.map((l) => JSON.stringify(l)).join('\n') + '\n',
    timeoutMs: 15_000,
  });
  for (const line of out.stdout.split('\n')) {
    if (!line.startsWith('{')) continue;
    const msg = JSON.parse(line) as { id?: number; result?: { pid?: number }; error?: { message: string } };
    if (msg.id !== 2) continue;
    if (msg.error || typeof msg.result?.pid !== 'number')
      throw new Error(`job.run on node ${k}: ${msg.error?.message ?? line}`);
    return msg.result.pid;
  }
  throw new Error(`job.run on node ${k} gave no answer: ${out.stdout} ${out.stderr}`);
}
