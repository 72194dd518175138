import { execAgent } from '../agents/sshAgentTransport';
import { greetAgent, versionSkew, type AgentConnection } from '../agents/greet';
import type { AgentBundle } from '../deploy/agentBundle';
import { agentCommand, cachedAgentCommand, ensureAgentUploaded } from '../deploy/agentUpload';
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

/** Uploads the bundle (always: the cached one did not do) and starts it. */
async function startAgent(link: SshLink, deps: SshConnectorDeps, who: string): Promise<AgentConnection> {
  if (await ensureAgentUploaded(link.client, deps.bundle, { force: true }))
    deps.log.info(`${who}: uploaded the agent ${deps.bundle.fileName}`);
  const transport = await execAgent(link, agentCommand(deps.bundle), (line) => deps.log.info(`[${who}] ${line}`));
  try {
    return await greetAgent(transport, deps.log);
  } catch (err) {
    throw new ConnectFailure('error', `The agent on ${who} did not start: ${(err as Error).message}.`);
  }
}

/**
 * The usual case in one SSH session: the cached agent is there, so run it. Undefined when it
 * is not (or Node.js is missing or too old): then the full check, upload and start follow.
 */
async function startCached(link: SshLink, deps: SshConnectorDeps): Promise<AgentConnection | undefined> {
  const transport = await execAgent(link, cachedAgentCommand(deps.bundle), () => undefined);
  try {
    return await greetAgent(transport, deps.log);
  } catch {
    return undefined;
  }
}

async function startOnNode(link: SshLink, deps: SshConnectorDeps, who: string): Promise<AgentConnection> {
  const cached = await startCached(link, deps);
  if (cached && versionSkew(cached.hello) === null) return cached;
  if (cached) deps.log.info(`${who}: ${versionSkew(cached.hello)}; uploading it again`);
  cached?.client.close();
  await checkNode(link, who);
  // The cached agent did not run (missing, damaged) or was another version: upload it anew.
  const conn = await startAgent(link, deps, who);
  const still = versionSkew(conn.hello);
  if (still === null) return conn;
  conn.client.close();
  throw new ConnectFailure('error', `After uploading the agent again, ${still}.`, 'manual');
}

/**
 * Reaches a node's agent over SSH: connect (through jump hosts), run the cached agent, or
 * else check the node can run it, upload it, start it; say hello, and upload it again on
 * version skew. The SSH connection lives as long as the agent does.
 */
export async function connectOverSsh(target: SshTarget, deps: SshConnectorDeps): Promise<AgentConnection> {
  const who = describeHop(target.node);
  const link = await openSshLink(target, deps.gate, deps.link);
  try {
    const conn = await startOnNode(link, deps, who);
    conn.client.onClose(() => link.close());
    return conn;
  } catch (err) {
    link.close();
    if (err instanceof ConnectFailure) throw err;
    throw new ConnectFailure('error', `${who}: ${(err as Error).message}.`);
  }
}
