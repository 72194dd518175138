/**
 * Malformed and hostile agent requests, generated deterministically from a seed. None of them
 * may ever be a valid request that does something (no real pid, no usable cwd), so the test
 * can send thousands without harming the machine.
 */
export interface HostileLine {
  kind: string;
  line: string;
  /** The id an answer must carry; null when the agent cannot know it (bad JSON, huge line). */
  id: number | null;
}

function prng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const BAD_PIDS: unknown[] = [
  -1,
  -4242,
  0,
  1,
  1.5,
  4_194_305,
  2 ** 53,
  -(2 ** 53),
  1e308,
  '1234',
  '',
  null,
  true,
  [],
  {},
  [1],
  { pid: 2 },
  'NaN',
  '0x10',
];
const BAD_NUMBERS: unknown[] = [-1, 1e308, -1e308, 1.000001, 2 ** 63, '5', null, [], {}, false, 'Infinity', -0.5];
const BAD_PATHS: unknown[] = [
  'relative/dir',
  '../etc',
  '/tmp/../etc',
  '/tmp/./x',
  '//etc',
  '/tmp//x',
  '/tmp/\u0000/x',
  '/tmp/..',
  '/..',
  '',
  '.',
  '~',
  '~root',
  `/${'a'.repeat(5000)}`,
  42,
  null,
  ['/tmp'],
  { path: '/tmp' },
];
const BAD_RUN_IDS: unknown[] = ['../../etc/passwd', '/etc/passwd', '..', '', 'A'.repeat(65), 'x/y', 'x\u0000', 7, null];
const WEIRD_METHODS = [
  '__proto__',
  'constructor',
  'toString',
  'hasOwnProperty',
  'valueOf',
  'hello ',
  'HELLO',
  'proc.',
  '.',
  'job.run\u0000',
  'x'.repeat(101),
  'metrics.read/../hello',
  'eval',
  'require',
];

function pick<T>(rand: () => number, list: readonly T[]): T {
  return list[Math.floor(rand() * list.length)] as T;
}

function request(id: number, method: unknown, params: unknown): string {
  return JSON.stringify({ jsonrpc: '2.0', id, method, params });
}

type Maker = (rand: () => number, id: number) => HostileLine;

const makers: Maker[] = [
  (rand, id) => {
    const valid = request(id, 'ping', {});
    const cut = 1 + Math.floor(rand() * (valid.length - 2));
    return { kind: 'truncated JSON', line: valid.slice(0, cut), id: null };
  },
  (rand) => {
    const bytes = Array.from({ length: 1 + Math.floor(rand() * 60) }, () =>
      String.fromCharCode(33 + Math.floor(rand() * 90)),
    );
    return { kind: 'garbage', line: `{${bytes.join('')}`, id: null };
  },
  (rand, id) => ({ kind: 'unknown method', line: request(id, pick(rand, WEIRD_METHODS), {}), id }),
  (rand, id) => {
    const method = pick(rand, ['proc.freeze', 'proc.continue', 'proc.signal']);
    const extra = method === 'proc.signal' ? { signal: 'SIGKILL' } : {};
    return { kind: `bad pid for ${method}`, line: request(id, method, { pid: pick(rand, BAD_PIDS), ...extra }), id };
  },
  (rand, id) => ({
    kind: 'bad cwd',
    line: request(id, 'job.run', { argv: ['sh', '-c', 'touch /tmp/mosdesk-hostile-ran'], cwd: pick(rand, BAD_PATHS) }),
    id,
  }),
  (rand, id) => ({
    kind: 'bad argv',
    line: request(id, 'job.run', { argv: pick(rand, [[], '', 'sh', [1], [null], ['sh\u0000'], {}]), cwd: '/tmp' }),
    id,
  }),
  (rand, id) => ({
    kind: 'bad env',
    line: request(id, 'job.run', {
      argv: ['true'],
      cwd: '/nonexistent-mosdesk',
      env: pick(rand, [{ 'A=B': 'x' }, { '': 'x' }, { A: 1 }, [], 'A=1', { A: 'x\u0000' }]),
    }),
    id,
  }),
  (rand, id) => ({
    kind: 'bad run id',
    line: request(id, pick(rand, ['job.output', 'job.forget']), {
      runId: pick(rand, BAD_RUN_IDS),
      stream: 'stdout',
      offset: 0,
    }),
    id,
  }),
  (rand, id) => ({
    kind: 'bad interval',
    line: request(id, 'subscribe', { topic: 'metrics', intervalMs: pick(rand, BAD_NUMBERS) }),
    id,
  }),
  (rand, id) => ({
    kind: 'bad job id',
    line: request(id, pick(rand, ['proc.freeze', 'proc.continue']), { jobId: pick(rand, BAD_NUMBERS) }),
    id,
  }),
  (rand, id) => ({ kind: 'bad disks', line: request(id, 'metrics.read', { disks: [pick(rand, BAD_PATHS)] }), id }),
  (rand, id) => ({
    kind: 'extra params',
    line: request(id, 'ping', { [pick(rand, ['__proto__', 'x', 'constructor'])]: 1 }),
    id,
  }),
  (rand, id) => ({ kind: 'params not an object', line: request(id, 'ping', pick(rand, [[], 'x', 3, true])), id }),
  (rand, id) => ({
    kind: 'wrong jsonrpc',
    line: JSON.stringify({ jsonrpc: pick(rand, ['1.0', 2, null, '2.00']), id, method: 'ping' }),
    id,
  }),
  (rand) => ({
    kind: 'unusable id',
    line: JSON.stringify({
      jsonrpc: '2.0',
      id: pick(rand, [{}, [], 1.5, 2 ** 60, 'x'.repeat(200), true]),
      method: 'ping',
    }),
    id: null,
  }),
  (rand, id) => ({
    kind: 'pid and jobId together',
    line: request(id, 'proc.freeze', { pid: 4_000_000, jobId: 1 }),
    id,
  }),
  (rand, id) => ({
    kind: 'bad signal',
    line: request(id, 'proc.signal', {
      pid: 4_000_000,
      signal: pick(rand, ['KILL', 'SIGNOPE', 9, '', 'SIGKILL; rm -rf /']),
    }),
    id,
  }),
];

/** `count` hostile lines, with ids from `firstId` up. */
export function hostileLines(count: number, seed = 1, firstId = 1000): HostileLine[] {
  const rand = prng(seed);
  return Array.from({ length: count }, (_, i) => pick(rand, makers)(rand, firstId + i));
}
