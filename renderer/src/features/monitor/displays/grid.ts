/**
 * `g`: mmon's grid display ("P<priority> G<max guests>-<guests> L<locals>") split in two views:
 * local and guest processes, then the node's grid priority.
 */
import { BAR_1, BAR_2, engineOf, fixedScale, linearScale, na, plural, type SubView, value } from './subView';

export const NO_GUESTS_ON_LINUX = 'plain Linux nodes take no guest processes';

const localText = (local: number): string => plural(local, 'local process', 'local processes');

// A linux node has locals (jobs the agent started) but no guests at all: n/a, not a 0 guest segment.
const localAndGuests: SubView = {
  segments: [
    { label: 'local', color: BAR_1 },
    { label: 'guests', color: BAR_2 },
  ],
  scale: linearScale('processes', 1, 1),
  figures: (node) => {
    const { mosixLocal, guests } = node.sample.processes;
    if (engineOf(node) === 'linux') {
      return na(NO_GUESTS_ON_LINUX, `${localText(mosixLocal)}; guests not available: ${NO_GUESTS_ON_LINUX}.`);
    }
    return value(
      [mosixLocal, guests],
      `${localText(mosixLocal)}, ${plural(guests, 'guest process', 'guest processes')}`,
    );
  },
};

// The sample carries no priority yet: n/a on both engines, each saying why.
const priority: SubView = {
  segments: [{ label: 'priority', color: BAR_1 }],
  scale: fixedScale('', 1),
  figures: (node) =>
    engineOf(node) === 'linux'
      ? na('plain Linux nodes have no MOSIX grid priority')
      : na('the agent does not report the MOSIX priority yet'),
};

export const GRID_VIEWS: readonly SubView[] = [localAndGuests, priority];
