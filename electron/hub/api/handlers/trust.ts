import type { TrustRequests } from '../../../api';
import { type HandlersOf, sshOf } from './context';

export const trustHandlers: HandlersOf<keyof TrustRequests> = {
  'hostkeys.pending': async (_p, _c, hub) => (hub.ssh ? hub.ssh.prompts.list() : []),
  'hostkeys.answer': async ({ promptId, accept }, _c, hub) => {
    await sshOf(hub).prompts.answer(promptId, accept);
    return { ok: true };
  },
  'hostkeys.forget': async ({ clusterId, nodeId }, _c, hub) => ({
    removed: await sshOf(hub).clusters.forgetHostKey(clusterId, nodeId),
  }),
};
