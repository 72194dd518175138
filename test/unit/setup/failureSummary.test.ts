import { describe, expect, it } from 'vitest';
import { failureSummary } from '../../setup/failureSummary';

const ROOT = '/work/main';

/** Shaped as vitest 4's JSON reporter writes it (captured, shortened). */
function report(files: unknown[]): string {
  return JSON.stringify({ numFailedTests: 1, success: false, testResults: files });
}

const FAILED_ASSERTION =
  "AssertionError: pid 12 differs: expected [ [ 12, 'x' ] ] to deeply equal []\n    at /work/main/test/unit/zzsample.test.ts:3:72\n    at file:///work/main/node_modules/@vitest/runner/dist/chunk-artifact.js:302:11";

const cases: { name: string; json: string; want: string[] }[] = [
  {
    name: 'a failed test: its file, full name and message, without the stack',
    json: report([
      {
        name: `${ROOT}/test/unit/a.test.ts`,
        message: '',
        status: 'failed',
        assertionResults: [
          { fullName: 'passes', status: 'passed', failureMessages: [] },
          { fullName: 'group fails', status: 'failed', failureMessages: [FAILED_ASSERTION] },
        ],
      },
    ]),
    want: [
      "test/unit/a.test.ts > group fails: AssertionError: pid 12 differs: expected [ [ 12, 'x' ] ] to deeply equal []",
    ],
  },
  {
    name: 'a file that failed before its tests (a hook, an import), with colours removed',
    json: report([
      {
        name: '/elsewhere/b.test.ts',
        message: '\u001b[31mError: Hook timed out in 60000ms.\u001b[39m',
        assertionResults: [{ fullName: 'never ran', status: 'skipped', failureMessages: [] }],
      },
    ]),
    want: ['/elsewhere/b.test.ts: Error: Hook timed out in 60000ms.'],
  },
  {
    name: 'a very long message is cut',
    json: report([
      {
        name: `${ROOT}/c.test.ts`,
        assertionResults: [{ fullName: 't', status: 'failed', failureMessages: [`Error: ${'y'.repeat(2000)}`] }],
      },
    ]),
    want: [`c.test.ts > t: Error: ${'y'.repeat(993)}…`],
  },
  {
    name: 'a test that rejected with null or a plain object',
    json: report([
      {
        name: `${ROOT}/e.test.ts`,
        assertionResults: [{ fullName: 'rpc', status: 'failed', failureMessages: [null, { code: -32602 }] }],
      },
    ]),
    want: ['e.test.ts > rpc: null\n{"code":-32602}'],
  },
  {
    name: 'more failures than fit at the end of a log',
    json: report([
      {
        name: `${ROOT}/f.test.ts`,
        assertionResults: Array.from({ length: 40 }, (_, i) => ({
          fullName: `t${i}`,
          status: 'failed',
          failureMessages: ['Error: down'],
        })),
      },
    ]),
    want: [...Array.from({ length: 15 }, (_, i) => `f.test.ts > t${i}: Error: down`), '…and 25 more'],
  },
  { name: 'nothing failed', json: report([{ name: 'd', assertionResults: [] }]), want: [] },
  {
    name: 'a cut-off file',
    json: '{"testResults": [',
    want: [expect.stringMatching(/^\(the JSON report cannot be read: /)],
  },
  {
    name: 'another shape',
    json: '{"testResults": 3}',
    want: [expect.stringMatching(/^\(the JSON report has an unexpected shape: /)],
  },
];

describe('failureSummary', () => {
  it.each(cases)('$name', ({ json, want }) => {
    expect(failureSummary(json, ROOT)).toEqual(want);
  });
});
