/**
 * The first schema issue of a failed check, as words: `"a.b": message`, or the message alone when
 * the issue is about the whole value. Takes the issues of zod and of zod/mini alike (both have
 * `path` and `message`), so the agent, the hub and the stores word their refusals one way.
 */
export interface IssueLike {
  path: readonly PropertyKey[];
  message: string;
}

export function issueSentence(issues: readonly IssueLike[]): string {
  const issue = issues[0];
  if (!issue) return 'invalid';
  return issue.path.length > 0 ? `"${issue.path.map(String).join('.')}": ${issue.message}` : issue.message;
}
