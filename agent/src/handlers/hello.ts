import { readIdentity } from '../engines/linux/identity';
import { RpcError, RpcErrorCode } from '../protocol/errors';
import { AGENT_VERSION, PROTOCOL_VERSION } from '../protocol/version';
import { defineHandler, type HandlerGroup } from './define';

const NOT_YET = 'Not in this version of the linux engine.';

export const helloHandlers = {
  hello: defineHandler('hello', async ({ protocolVersion }, ctx) => {
    if (protocolVersion !== PROTOCOL_VERSION) {
      throw new RpcError(
        RpcErrorCode.VersionMismatch,
        `The hub speaks protocol ${protocolVersion}, this agent speaks ${PROTOCOL_VERSION}.`,
        { agentProtocolVersion: PROTOCOL_VERSION, agentVersion: AGENT_VERSION },
      );
    }
    ctx.greeted = true;
    return {
      protocolVersion: PROTOCOL_VERSION,
      agentVersion: AGENT_VERSION,
      engine: 'linux',
      node: await readIdentity(),
      capabilities: {
        monitor: true,
        migrate: 'Plain Linux cannot move a running process to another node; MOSIX is needed.',
        checkpoint: NOT_YET,
        freeze: NOT_YET,
        queue: NOT_YET,
      },
    };
  }),
  ping: defineHandler('ping', async () => ({ pong: true, at: Date.now() })),
} satisfies HandlerGroup;
