import type { AgentMethod } from '../../../agent/src/protocol/methods';

/**
 * What each agent method does to the node, so the client knows what it may send again. A read
 * changes nothing the user chose (a stream of this session counts as a read); an action does,
 * and is never repeated unasked. `satisfies` makes a new method say which it is.
 */
export const METHOD_KINDS = {
  hello: 'read',
  ping: 'read',
  'metrics.read': 'read',
  'status.read': 'read',
  subscribe: 'read',
  unsubscribe: 'read',
  'procs.list': 'read',
  'proc.freeze': 'action',
  'proc.continue': 'action',
  'proc.signal': 'action',
  'proc.migrate': 'action',
  'proc.checkpoint': 'action',
  'job.run': 'action',
  'jobs.list': 'read',
  'job.output': 'read',
  'job.forget': 'action',
  'cluster.map': 'read',
  'queue.list': 'read',
  'queue.act': 'action',
  'config.read': 'read',
  'config.backup': 'read',
  // Writes to /etc/mosix: never retried; an apply reads the node again to learn what happened.
  'config.stage': 'action',
  'config.switch': 'action',
  'config.discard': 'action',
} as const satisfies Record<AgentMethod, 'read' | 'action'>;
