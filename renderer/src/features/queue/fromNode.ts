/**
 * mosq's FROM names the job's home as the node it was read on sees it: `here`, an address or a
 * host name. On screen that is the configured node's name where one matches, with what mosq
 * said beside it, since "here" only means something next to the node it was read on. Pure.
 */
import { type KnownNode, nodeClaiming } from '../map/mapMatch';

export interface FromText {
  text: string;
  title: string;
}

export function fromText(from: string, sourceName: string | undefined, nodes: readonly KnownNode[]): FromText {
  if (from === 'here') {
    return sourceName
      ? { text: sourceName, title: `here: the node the queue was read on (${sourceName})` }
      : { text: 'here', title: 'the node the queue was read on' };
  }
  const node = nodeClaiming(from, nodes);
  return node
    ? { text: node.name, title: `${from}, as mosq printed it` }
    : { text: from, title: 'as mosq printed it: no configured node of this cluster is this host' };
}
