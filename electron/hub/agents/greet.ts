import type { Hello } from '../../../agent/src/protocol/types';
import { AGENT_VERSION, PROTOCOL_VERSION } from '../../../agent/src/protocol/version';
import { AgentClient } from './agentClient';
import type { AgentTransport } from './transport';
import type { HubLog } from '../log';

/** A greeted agent: its pipe is open and it answered `hello`. */
export interface AgentConnection {
  client: AgentClient;
  hello: Hello;
}

/** Waits for the agent's ready marker, then says hello. Closes the pipe on failure. */
export async function greetAgent(transport: AgentTransport, log: HubLog, timeoutMs = 10_000): Promise<AgentConnection> {
  const client = new AgentClient(transport, log);
  try {
    await Promise.race([
      client.ready(),
      new Promise((_, reject) =>
        setTimeout(() => reject(new Error(`the agent did not start within ${timeoutMs / 1000} s`)), timeoutMs).unref(),
      ),
    ]);
    const hello = await client.request('hello', { protocolVersion: PROTOCOL_VERSION }, timeoutMs);
    return { client, hello };
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
