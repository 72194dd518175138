import type { HubBridge, HubClient, Reply } from '../../../electron/api';
import { HubRequestError } from './hubRequestError';

/** The hub API through the Electron preload's bridge (`window.hub`). */
export function createBridgeHubClient(bridge: HubBridge): HubClient {
  return {
    async call(method, params) {
      const reply = (await bridge.call(method, params)) as Reply<never>;
      if (!reply.ok) throw new HubRequestError(reply.error);
      return reply.value;
    },
    on: (event, cb) => bridge.on(event, cb as (payload: unknown) => void),
  };
}
