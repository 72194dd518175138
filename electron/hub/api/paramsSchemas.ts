import { z } from 'zod';
import type { Method } from '../../api';
import { sshSettingsSchema } from '../clusters/sshSettingsSchema';

const noParams = z.strictObject({});
const id = z.string().min(1).max(200);
/** Secrets are kept only as given; 4 KiB is more than any passphrase. An empty one forgets it. */
const secret = z.string().max(4096);
const secrets = z.strictObject({ passphrase: secret.optional(), password: secret.optional() });
/** A host list may be long (ranges expand later, to at most 1024 hosts). */
const hostsText = z
  .string()
  .min(1, 'the list of hosts is empty')
  .max(64 * 1024);

/** Every hub request's params, checked before a handler sees them. */
export const hubParamsSchemas = {
  'app.info': noParams,
  'clusters.list': noParams,
  'metrics.subscribe': z.strictObject({ clusterId: id, intervalMs: z.number().int().min(250).max(60_000) }),
  'metrics.unsubscribe': z.strictObject({ subscriptionId: id }),
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
  'hostkeys.pending': noParams,
  'hostkeys.answer': z.strictObject({ promptId: id, accept: z.boolean() }),
  'hostkeys.forget': z.strictObject({ clusterId: id, nodeId: id }),
  'secrets.saved': z.strictObject({ clusterId: id, nodeId: id.optional() }),
  'notices.list': noParams,
  'notices.dismiss': z.strictObject({ noticeId: id }),
} satisfies Record<Method, z.ZodType>;
