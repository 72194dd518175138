import { execAgent } from '../agents/sshAgentTransport';
import { greetAgent, versionSkew, type AgentConnection } from '../agents/greet';
import type { AgentBundle } from '../deploy/agentBundle';
import { agentCommand, ensureAgentUploaded } from '../deploy/agentUpload';
import { parseProbe, PROBE_COMMAND, probeProblem } from '../deploy/probe';
import { execCapture } from '../deploy/remoteExec';
import type { HubLog } from '../log';
import { ConnectFailure } from '../ssh/connectFailure';
import { openSshLink, type HostKeyGate, type SshLink, type SshLinkOptions } from '../ssh/sshLink';
import { describeHop, type SshTarget } from '../ssh/sshTarget';

export interface SshConnectorDeps {
  bundle: AgentBundle;
  gate: HostKeyGate;
  log: HubLog;
  link: SshLinkOptions;
}

async function checkNode(link: SshLink, who: string): Promise<void> {
  const result = await execCapture(link.client, PROBE_COMMAND);
  const probe = parseProbe(result.stdout);
  if (!probe) {
    throw new ConnectFailure(
      'error',
      `${who} did not answer the start-up check (uname, node --version): ${result.stderr.trim().slice(0, 200) || 'no output'}.`,
    );
  }
  const problem = probeProblem(probe, who);
  if (problem) throw new ConnectFailure('no-node', problem, 'manual');
}

async function startAgent(
  link: SshLink,
  deps: SshConnectorDeps,
  who: string,
  force: boolean,
): Promise<AgentConnection> {
  if (await ensureAgentUploaded(link.client, deps.bundle, { force }))
    deps.log.info(`${who}: uploaded the agent ${deps.bundle.fileName}`);
  const transport = await execAgent(link, agentCommand(deps.bundle), (line) => deps.log.info(`[${who}] ${line}`));
  try {
    return await greetAgent(transport, deps.log);
  } catch (err) {
    throw new ConnectFailure('error', `The agent on ${who} did not start: ${(err as Error).message}.`);
  }
}

/**
 * Reaches a node's agent over SSH: connect (through jump hosts), check the node can run the
 * agent, upload it when missing, start it, say hello, and redeploy once on version skew.
 */
export async function connectOverSsh(target: SshTarget, deps: SshConnectorDeps): Promise<AgentConnection> {
  const who = describeHop(target.node);
  let link = await openSshLink(target, deps.gate, deps.link);
  try {
    await checkNode(link, who);
    let conn = await startAgent(link, deps, who, false);
    const skew = versionSkew(conn.hello);
    if (skew === null) return conn;
    deps.log.info(`${who}: ${skew}; uploading it again`);
    conn.client.close();
    link = await openSshLink(target, deps.gate, deps.link);
    conn = await startAgent(link, deps, who, true);
    const still = versionSkew(conn.hello);
    if (still === null) return conn;
    conn.client.close();
    throw new ConnectFailure('error', `After uploading the agent again, ${still}.`, 'manual');
  } catch (err) {
    link.close();
    if (err instanceof ConnectFailure) throw err;
    throw new ConnectFailure('error', `${who}: ${(err as Error).message}.`);
  }
}
