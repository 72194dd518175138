import type { ConfigRequests } from '../../../api';
import type { ConfigService } from '../../config/configService';
import { HubError } from '../../errors';
import type { HandlersOf, HubContext } from './context';

function configOf(hub: HubContext): ConfigService {
  if (!hub.config) throw new HubError('unavailable', 'This hub was started without configuration.');
  return hub.config;
}

export const configHandlers: HandlersOf<keyof ConfigRequests> = {
  'config.read': async ({ clusterId }, _c, hub) => ({ clusterId, nodes: await configOf(hub).read(clusterId) }),
  'config.apply': async ({ clusterId, nodes }, _c, hub) => configOf(hub).apply(clusterId, nodes),
  'config.backups': async ({ clusterId }, _c, hub) => configOf(hub).backups(clusterId),
  'config.rollback': async ({ clusterId, backupId, nodeIds }, _c, hub) =>
    configOf(hub).rollback(clusterId, backupId, nodeIds),
  'config.applies': async ({ clusterId }, _c, hub) => ({ applies: configOf(hub).applies(clusterId) }),
};
