import { expect } from 'vitest';
import { type NodeFacts, validateConfig } from '../../../agent/src/mosixConfig';

/** One validation case: the files, optional node facts, and the one issue expected (file, line, severity, words). */
export interface IssueRow {
  name: string;
  files: Record<string, string>;
  facts?: NodeFacts;
  want: { file: string; line?: number; severity: 'error' | 'warning'; says: string };
}

export const MAP = { 'mosix.map': '10.0.0.1 4\n' };

/** The files give exactly that one issue, worded as a sentence that starts with its file and line. */
export function expectOneIssue({ files, facts, want }: IssueRow): void {
  const issues = validateConfig(new Map(Object.entries(files)), facts);
  expect(issues, JSON.stringify(issues)).toHaveLength(1);
  const [issue] = issues;
  expect(issue).toMatchObject({ file: want.file, severity: want.severity });
  expect(issue!.line).toBe(want.line);
  expect(issue!.message).toContain(want.says);
  expect(issue!.message).toMatch(new RegExp(`^${want.file.replace('.', '\\.')}( line \\d+)?: .*[.]$`));
}
