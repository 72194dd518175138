import { describe, expect, it } from 'vitest';
import {
  INITIAL_KEY_STATE,
  MONITOR_KEYS,
  type MonitorKeyState,
  nextState,
  SUB_VIEWS,
} from '../../../../../renderer/src/features/monitor/displayKeys';

/** The state after pressing each key of `keys` in turn (every one must be known). */
function press(keys: string[], from: MonitorKeyState = INITIAL_KEY_STATE): MonitorKeyState {
  return keys.reduce((state, key) => {
    const result = nextState(state, key);
    if (!result) throw new Error(`key ${key} unknown`);
    return result.state;
  }, from);
}

const cycles = [
  { keys: '', display: 'load', sub: 0 },
  { keys: 'l', display: 'load', sub: 1 },
  { keys: 'll', display: 'load', sub: 2 },
  { keys: 'lll', display: 'load', sub: 0 },
  { keys: 'm', display: 'memory', sub: 0 },
  { keys: 'mm', display: 'memory', sub: 1 },
  { keys: 'mmm', display: 'memory', sub: 2 },
  { keys: 'mmmm', display: 'memory', sub: 0 },
  { keys: 'g', display: 'grid', sub: 0 },
  { keys: 'gg', display: 'grid', sub: 1 },
  { keys: 'ggg', display: 'grid', sub: 0 },
  { keys: 'i', display: 'io', sub: 0 },
  { keys: 'ii', display: 'io', sub: 1 },
  { keys: 'iii', display: 'io', sub: 2 },
  { keys: 'iiii', display: 'io', sub: 0 },
  { keys: 'o', display: 'network', sub: 0 },
  { keys: 'oo', display: 'network', sub: 1 },
  { keys: 'ooo', display: 'network', sub: 2 },
  { keys: 'oooo', display: 'network', sub: 3 },
  { keys: 'ooooo', display: 'network', sub: 0 },
  { keys: 's', display: 'status', sub: 0 },
  { keys: 'ss', display: 'status', sub: 1 },
  { keys: 'sss', display: 'status', sub: 2 },
  { keys: 'ssss', display: 'status', sub: 3 },
  { keys: 'sssss', display: 'status', sub: 0 },
  { keys: 'u', display: 'util', sub: 0 },
  { keys: 'uu', display: 'util', sub: 0 },
  // mmon remembers each display's last sub-view: its key map rotates in place.
  { keys: 'mml', display: 'load', sub: 0 },
  { keys: 'mmlm', display: 'memory', sub: 1 },
  { keys: 'mmlmm', display: 'memory', sub: 2 },
  { keys: 'llml', display: 'load', sub: 2 },
  { keys: 'lllml', display: 'load', sub: 0 },
  { keys: 'ooogs', display: 'status', sub: 0 },
  { keys: 'ooogso', display: 'network', sub: 2 },
  { keys: 'lDdm', display: 'memory', sub: 0 },
  { keys: 'll<>h?D', display: 'load', sub: 2 },
];

describe('nextState: display keys and their cycles', () => {
  it.each(cycles)('"$keys" shows $display sub-view $sub', ({ keys, display, sub }) => {
    const state = press([...keys]);
    expect(state.display).toBe(display);
    expect(state.sub).toBe(sub);
    expect(state.lastSub[state.display]).toBe(sub);
  });

  it('starts on load, first sub-view, dead nodes shown', () => {
    expect(INITIAL_KEY_STATE).toMatchObject({ display: 'load', sub: 0, showDead: true });
  });

  it('leaves the state it was given untouched', () => {
    const before = JSON.stringify(INITIAL_KEY_STATE);
    press([...'lmmgiosud']);
    expect(JSON.stringify(INITIAL_KEY_STATE)).toBe(before);
  });
});

const dead = [
  { keys: 'D', showDead: false },
  { keys: 'DD', showDead: false },
  { keys: 'Dd', showDead: true },
  { keys: 'd', showDead: true },
  { keys: 'DdD', showDead: false },
  { keys: 'Dlm', showDead: false },
];

describe('nextState: d and D', () => {
  it.each(dead)('"$keys" leaves showDead $showDead', ({ keys, showDead }) => {
    expect(press([...keys]).showDead).toBe(showDead);
  });

  it('keeps the display and sub-view', () => {
    const state = press([...'llD']);
    expect(state).toMatchObject({ display: 'load', sub: 2, showDead: false });
  });
});

const actions = [
  { key: '<', action: 'prevCluster' },
  { key: '>', action: 'nextCluster' },
  { key: 'h', action: 'help' },
  { key: '?', action: 'help' },
];

describe('nextState: actions', () => {
  it.each(actions)('$key asks for $action and keeps the state', ({ key, action }) => {
    const state = press([...'mm']);
    const result = nextState(state, key);
    expect(result?.action).toBe(action);
    expect(result?.state).toBe(state);
  });

  it.each(['l', 'm', 'd', 'D'])('%s carries no action', (key) => {
    expect(nextState(INITIAL_KEY_STATE, key)?.action).toBeUndefined();
  });
});

const unknown = ['x', 'L', 'M', 'S', 'q', 'Enter', 'ArrowUp', ' ', '', 'll', 'toString', 'constructor', '__proto__'];

describe('nextState: keys the monitor does not use', () => {
  it.each(unknown)('"%s" gives null', (key) => expect(nextState(INITIAL_KEY_STATE, key)).toBeNull());
});

describe('MONITOR_KEYS', () => {
  it('lists every key once, in help order', () => {
    expect(MONITOR_KEYS.map(({ key }) => key)).toEqual([
      'l',
      'm',
      'g',
      'i',
      'o',
      's',
      'u',
      'd',
      'D',
      '<',
      '>',
      'h',
      '?',
    ]);
  });

  it.each(MONITOR_KEYS)('$key is a key nextState knows', ({ key }) => {
    expect(nextState(INITIAL_KEY_STATE, key)).not.toBeNull();
  });

  it('says what a display key cycles through', () => {
    const does = Object.fromEntries(MONITOR_KEYS.map(({ key, does }) => [key, does]));
    expect(does.l).toBe('Load per CPU → Load + frozen → Frozen processes; again to cycle');
    expect(does.o).toBe('Network in → Network out → Network in + out → NFS RPC; again to cycle');
    expect(does.u).toBe('Utilisation');
    expect(does.D).toBe('Hide dead nodes');
  });

  it('has the cycle lengths mmon has', () => {
    const lengths = Object.fromEntries(Object.entries(SUB_VIEWS).map(([id, views]) => [id, views.length]));
    expect(lengths).toEqual({ load: 3, memory: 3, grid: 2, io: 3, network: 4, status: 4, util: 1 });
  });
});
