import type { TasksRequests } from '../../../api';
import { HubError } from '../../errors';
import type { TaskRunner } from '../../tasks/taskRunner';
import { clusterById, type HandlersOf, type HubContext } from './context';

function tasksOf(hub: HubContext): TaskRunner {
  if (!hub.tasks) throw new HubError('unavailable', 'This hub was started without tasks.');
  return hub.tasks;
}

export const tasksHandlers: HandlersOf<keyof TasksRequests> = {
  'tasks.start': async ({ clusterId, items }, _c, hub) => ({
    tasks: tasksOf(hub).start(clusterById(hub, clusterId), items),
  }),
  'tasks.list': async ({ limit }, _c, hub) => ({ tasks: tasksOf(hub).list(limit) }),
  'tasks.seen': async ({ taskIds }, _c, hub) => ({ changed: tasksOf(hub).seen(taskIds) }),
};
