import type { Hello } from '../../../agent/src/protocol/types';
import { AGENT_VERSION, PROTOCOL_VERSION } from '../../../agent/src/protocol/version';
import type { HubLog } from '../log';
import { describeIssue } from '../store/jsonFile';
import { AgentClient } from './agentClient';
import { helloSchema } from './agentSchemas';
import type { AgentTransport } from './transport';

/** A greeted agent: its pipe is open and it answered `hello`. */
export interface AgentConnection {
  client: AgentClient;
  hello: Hello;
}

/** Rejects after `ms` unless `work` settles first; the timer never outlives the race. */
async function within<T>(work: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(message)), ms);
  });
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** Waits for the agent's ready marker, then says hello and checks the answer. Closes the pipe on failure. */
export async function greetAgent(transport: AgentTransport, log: HubLog, timeoutMs = 10_000): Promise<AgentConnection> {
  const client = new AgentClient(transport, log);
  try {
    await within(client.ready(), timeoutMs, `the agent did not start within ${timeoutMs / 1000} s`);
    const answer: unknown = await client.request('hello', { protocolVersion: PROTOCOL_VERSION }, timeoutMs);
    const hello = helloSchema.safeParse(answer);
    if (!hello.success) throw new Error(`its answer to hello is not valid (${describeIssue(hello.error)})`);
    client.setNodeName(hello.data.node.hostname);
    return { client, hello: hello.data };
  } catch (err) {
    client.close();
    throw err;
  }
}

/** A sentence when the agent is not the version this hub carries, else null. */
export function versionSkew(hello: Hello): string | null {
  if (hello.protocolVersion === PROTOCOL_VERSION && hello.agentVersion === AGENT_VERSION) return null;
  return `the agent on the node is version ${hello.agentVersion} (protocol ${hello.protocolVersion}); this app carries ${AGENT_VERSION} (protocol ${PROTOCOL_VERSION})`;
}
