import type { ClusterSummary, NodeView, Params, SshSecrets } from '../../../../../electron/api';
import { fieldsFromSettings, portError, settingsFromFields, type SshFields, typedSecrets } from './sshForm';

/** The "SSH settings" dialog's draft, for a whole cluster or for one node of it. */
export interface ConfigureForm extends SshFields {
  /** Sends an empty passphrase and password, which makes the hub forget the saved ones. */
  forgetSecrets: boolean;
}

export type ConfigureErrors = Partial<Record<'port', string>>;

export type ConfigureParams = Params<'clusters.configure'>;

/**
 * The draft for a cluster's settings, or for `node`'s own ones (its overrides only, not
 * what it inherits: an empty field keeps inheriting the cluster's value).
 */
export function configureFormFor(cluster: ClusterSummary, node?: NodeView): ConfigureForm {
  const fields = node ? fieldsFromSettings(node.settings, 'node') : fieldsFromSettings(cluster.settings, 'cluster');
  return { ...fields, forgetSecrets: false };
}

export function validateConfigureForm(form: ConfigureForm): ConfigureErrors {
  const port = portError(form.port);
  return port ? { port } : {};
}

/**
 * The secrets to send: none keeps what the hub has; `''` forgets one; otherwise each exactly
 * as typed. Forgetting wins over typed ones, since the dialog clears and disables the boxes
 * when "forget" is ticked.
 */
export function secretsOf(form: ConfigureForm): SshSecrets | undefined {
  if (form.forgetSecrets) return { passphrase: '', password: '' };
  return typedSecrets(form);
}

/** The request for `clusters.configure`: call only when `validateConfigureForm` found nothing. */
export function toConfigureParams(clusterId: string, nodeId: string | undefined, form: ConfigureForm): ConfigureParams {
  const params: ConfigureParams = { clusterId, settings: settingsFromFields(form) };
  if (nodeId !== undefined) params.nodeId = nodeId;
  const secrets = secretsOf(form);
  if (secrets) params.secrets = secrets;
  return params;
}
