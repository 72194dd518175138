import { describe, expect, it } from 'vitest';
import type { ConfigIssue } from '../../../../../agent/src/protocol/configTypes';
import {
  issueText,
  issuesByStep,
  stepOfFile,
  WIZARD_STEPS,
} from '../../../../../renderer/src/features/configure/wizardSteps';

describe('wizard steps', () => {
  it("follow mosconf's order and end with the review", () => {
    expect(WIZARD_STEPS.map((s) => s.id)).toEqual([
      'nodes',
      'addresses',
      'numbering',
      'partners',
      'queue',
      'freezing',
      'review',
    ]);
  });

  it.each([
    ['mosix.map', 'nodes'],
    ['mosip', 'addresses'],
    ['userview.map', 'numbering'],
    ['partners/bmos', 'partners'],
    ['queue.conf', 'queue'],
    ['freeze.conf', 'freezing'],
    ['mosix.conf', undefined],
    ['partners', undefined],
  ])('%s is edited in step %s', (file, step) => {
    expect(stepOfFile(file)).toBe(step);
  });

  it('groups issues by the step that fixes them, the rest under review', () => {
    const issue = (file: string): ConfigIssue => ({ file, severity: 'error', message: 'bad' });
    const byStep = issuesByStep([issue('freeze.conf'), issue('partners/a'), issue('other'), issue('freeze.conf')]);
    expect(byStep.get('freezing')).toHaveLength(2);
    expect(byStep.get('partners')).toHaveLength(1);
    expect(byStep.get('review')).toHaveLength(1);
    expect(byStep.get('nodes')).toEqual([]);
  });

  it.each([
    [{ file: 'mosix.map', line: 3, message: 'the count is 0' }, 'mosix.map line 3: the count is 0'],
    [{ file: 'mosip', message: 'not an address' }, 'mosip: not an address'],
    [{ file: 'mosix.map', line: 3, message: 'mosix.map line 3: x' }, 'mosix.map line 3: x'],
  ])('says %o as %s', (partial, text) => {
    expect(issueText({ severity: 'error', ...partial })).toBe(text);
  });
});
