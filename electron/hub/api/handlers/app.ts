import type { AppRequests } from '../../../api';
import type { HandlersOf } from './context';

export const appHandlers: HandlersOf<keyof AppRequests> = {
  'app.info': async (_p, _c, hub) => hub.appInfo,
  'notices.list': async (_p, _c, hub) => hub.notices.list(),
  'notices.dismiss': async ({ noticeId }, _c, hub) => {
    const dismissed = hub.notices.dismiss(noticeId);
    // Answered once saved: a dismissed notice does not come back at the next start.
    await hub.notices.flushed();
    return { dismissed };
  },
};
