import { RpcError, RpcErrorCode } from '../protocol/errors';
import { AGENT_VERSION, PROTOCOL_VERSION } from '../protocol/version';
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
    const { engine } = ctx;
    return {
      protocolVersion: PROTOCOL_VERSION,
      agentVersion: AGENT_VERSION,
      engine: engine.name,
      engineReason: engine.reason,
      node: await engine.identity(),
      user: engine.user,
      jobFreezeMethod: engine.jobFreezeMethod,
      capabilities: engine.capabilities(),
    };
  }),
  ping: defineHandler('ping', async () => ({ pong: true, at: Date.now() })),
} satisfies HandlerGroup;
