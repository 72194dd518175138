import { z } from 'zod';
import type { ClusterRequests } from '../../../api';
import { sshSettingsSchema } from '../../clusters/sshSettingsSchema';
import { id, noParams, type SchemasOf } from './common';

/** Secrets are kept only as given; 4 KiB is more than any passphrase. An empty one forgets it. */
const secret = z.string().max(4096);
const secrets = z.strictObject({ passphrase: secret.optional(), password: secret.optional() });
/** A host list may be long (ranges expand later, to at most 1024 hosts). */
const hostsText = z
  .string()
  .min(1, 'the list of hosts is empty')
  .max(64 * 1024);

export const clusterSchemas: SchemasOf<keyof ClusterRequests> = {
  'clusters.list': noParams,
  'clusters.add': z.strictObject({
    name: z.string().trim().min(1, 'the cluster needs a name').max(100),
    hosts: hostsText.optional(),
    fromNode: z.string().min(1).max(300).optional(),
    settings: sshSettingsSchema,
    secrets: secrets.optional(),
  }),
  'clusters.remove': z.strictObject({ clusterId: id }),
  'clusters.configure': z.strictObject({
    clusterId: id,
    nodeId: id.optional(),
    settings: sshSettingsSchema,
    secrets: secrets.optional(),
  }),
  'nodes.add': z.strictObject({ clusterId: id, hosts: hostsText }),
  'nodes.remove': z.strictObject({ clusterId: id, nodeId: id }),
  'nodes.reconnect': z.strictObject({ clusterId: id, nodeId: id }),
  'secrets.saved': z.strictObject({ clusterId: id, nodeId: id.optional() }),
};
