/** What every tool does first: know this node, say its host name once, and forget what has ended here. */
import { readFileSync } from 'node:fs';
import { isAlive, userName } from '../procInfo';
import { pruneDead, type StandInState } from '../records';
import { type Self, selfNode } from '../self';
import { readState, updateState } from '../store';

export interface Context {
  self: Self;
  /** The state as it was read (after pruning). */
  state: StandInState;
  uid: number;
  user: string;
}

function passwd(): string {
  try {
    return readFileSync('/etc/passwd', 'utf8');
  } catch {
    return '';
  }
}

export function context(): Context {
  const self = selfNode();
  let state = readState();
  const copy = structuredClone(state);
  const stale = pruneDead(copy, self.number, isAlive) || copy.hosts[String(self.number)] !== self.host;
  if (stale)
    state = updateState((s) => {
      pruneDead(s, self.number, isAlive);
      s.hosts[String(self.number)] = self.host;
      return structuredClone(s);
    });
  const uid = process.getuid?.() ?? 0;
  return { self, state, uid, user: userName(passwd(), uid) };
}

/** Root acts on every user's processes; anyone else on their own (as MOSIX's kill rule). */
export const mayAct = (ctx: Context, owner: number) => ctx.uid === 0 || ctx.uid === owner;

/** Writes a tool's answer; its exit status is 0. */
export function print(text: string): number {
  process.stdout.write(text);
  return 0;
}
