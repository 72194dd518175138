/**
 * The monitor's keys, as mmon's: a letter picks a display, the same letter again cycles that
 * display's sub-views. Pure: the view feeds keys in and draws the state that comes out.
 */

export type DisplayId = 'load' | 'memory' | 'grid' | 'io' | 'network' | 'status' | 'util';

/** The sub-views of each display, in mmon's cycle order; index = `MonitorKeyState.sub`. */
export const SUB_VIEWS = {
  load: ['Load per CPU', 'Load + frozen', 'Frozen processes'],
  memory: ['Memory', 'Swap', 'Disk space'],
  grid: ['Local and guest processes', 'Priority'],
  io: ['Disk read', 'Disk write', 'Disk read + write'],
  network: ['Network in', 'Network out', 'Network in + out', 'NFS RPC'],
  status: ['CPU speed', 'Status', 'Version', 'Uptime'],
  util: ['Utilisation'],
} as const satisfies Record<DisplayId, readonly string[]>;

const DISPLAY_OF_KEY: Readonly<Record<string, DisplayId>> = {
  l: 'load',
  m: 'memory',
  g: 'grid',
  i: 'io',
  o: 'network',
  s: 'status',
  u: 'util',
};

export interface MonitorKeyState {
  display: DisplayId;
  /** The sub-view showing, an index into SUB_VIEWS[display]. */
  sub: number;
  showDead: boolean;
  /**
   * The sub-view each display showed last. mmon remembers it: its key map rotates a key's list of
   * displays in place, so coming back with `m` after `l` shows swap again if swap was last.
   */
  lastSub: Readonly<Record<DisplayId, number>>;
}

export type MonitorAction = 'prevCluster' | 'nextCluster' | 'help';

export interface KeyResult {
  state: MonitorKeyState;
  action?: MonitorAction;
}

/**
 * Load first, as mmon starts. Dead nodes shown, unlike mmon (which hides them unless `-d`):
 * the design draws them as a marked gap, so a node that died is seen, not silently dropped.
 */
export const INITIAL_KEY_STATE: MonitorKeyState = {
  display: 'load',
  sub: 0,
  showDead: true,
  lastSub: { load: 0, memory: 0, grid: 0, io: 0, network: 0, status: 0, util: 0 },
};

/** The display a key picks: the same display again cycles on (wrapping), another resumes where it was. */
function selectDisplay(state: MonitorKeyState, display: DisplayId): MonitorKeyState {
  const sub = display === state.display ? (state.sub + 1) % SUB_VIEWS[display].length : state.lastSub[display];
  return { ...state, display, sub, lastSub: { ...state.lastSub, [display]: sub } };
}

const ACTIONS: Readonly<Record<string, MonitorAction>> = {
  '<': 'prevCluster',
  '>': 'nextCluster',
  h: 'help',
  '?': 'help',
};

/** The state after a key (`KeyboardEvent.key`, case matters as in mmon); null for a key the monitor does not use. */
export function nextState(state: MonitorKeyState, key: string): KeyResult | null {
  const display = Object.hasOwn(DISPLAY_OF_KEY, key) ? DISPLAY_OF_KEY[key] : undefined;
  if (display) return { state: selectDisplay(state, display) };
  if (key === 'd') return { state: { ...state, showDead: true } };
  if (key === 'D') return { state: { ...state, showDead: false } };
  const action = Object.hasOwn(ACTIONS, key) ? ACTIONS[key] : undefined;
  return action ? { state, action } : null;
}

export interface MonitorKey {
  key: string;
  does: string;
}

const cycleOf = (display: DisplayId): string => {
  const views = SUB_VIEWS[display];
  return views.length > 1 ? `${views.join(' → ')}; again to cycle` : views[0];
};

/** For the help overlay, in the order mmon's help lists them. */
export const MONITOR_KEYS: readonly MonitorKey[] = [
  ...Object.entries(DISPLAY_OF_KEY).map(([key, display]) => ({ key, does: cycleOf(display) })),
  { key: 'd', does: 'Show dead nodes' },
  { key: 'D', does: 'Hide dead nodes' },
  { key: '<', does: 'Previous cluster' },
  { key: '>', does: 'Next cluster' },
  { key: 'h', does: 'This help' },
  { key: '?', does: 'This help' },
];
