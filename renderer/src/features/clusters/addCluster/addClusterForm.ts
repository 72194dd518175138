import type { AddClusterParams } from '../../../../../electron/api';
import { hostsError } from '../hostsField';
import { emptySshFields, portError, settingsFromFields, type SshFields, typedSecrets } from '../sshSettings/sshForm';

/** What the "Add cluster" dialog holds: strings as typed, so nothing is lost on an error. */
export interface AddClusterForm extends SshFields {
  name: string;
  mode: 'hosts' | 'fromNode';
  hosts: string;
  fromNode: string;
  /** A new cluster says yes or no; only a node's form may leave it to the cluster. */
  useAgent: boolean;
}

export type FormErrors = Partial<Record<'name' | 'hosts' | 'fromNode' | 'port', string>>;

export function emptyForm(): AddClusterForm {
  return { ...emptySshFields(), name: '', mode: 'hosts', hosts: '', fromNode: '', useAgent: true };
}

/**
 * Only the obvious checks; the hub validates everything (host syntax, ranges, key files)
 * and its message is shown as it comes.
 */
export function validateForm(form: AddClusterForm): FormErrors {
  const errors: FormErrors = {};
  if (!form.name.trim()) errors.name = 'Give the cluster a name.';
  const hosts = form.mode === 'hosts' ? hostsError(form.hosts) : undefined;
  if (hosts) errors.hosts = hosts;
  if (form.mode === 'fromNode' && !form.fromNode.trim()) errors.fromNode = 'Name one node of the cluster.';
  const port = portError(form.port);
  if (port) errors.port = port;
  return errors;
}

/** The request for `clusters.add`: call only when `validateForm` found nothing. */
export function toAddClusterParams(form: AddClusterForm): AddClusterParams {
  const params: AddClusterParams = { name: form.name.trim(), settings: settingsFromFields(form) };
  if (form.mode === 'hosts') params.hosts = form.hosts.trim();
  else params.fromNode = form.fromNode.trim();
  const secrets = typedSecrets(form);
  if (secrets) params.secrets = secrets;
  return params;
}
