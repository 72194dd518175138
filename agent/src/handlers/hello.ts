import { readIdentity } from '../engines/linux/identity';
import { RpcError, RpcErrorCode } from '../protocol/errors';
import { AGENT_VERSION, PROTOCOL_VERSION } from '../protocol/version';
import { linuxCapabilities } from './capabilities';
import { defineHandler, type HandlerGroup } from './define';

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
      user: ctx.services.user,
      jobFreezeMethod: ctx.services.jobFreezeMethod,
      capabilities: linuxCapabilities(ctx.services),
    };
  }),
  ping: defineHandler('ping', async () => ({ pong: true, at: Date.now() })),
} satisfies HandlerGroup;
