/**
 * Which of a job's mosrun options a cluster's engine can honour. Plain Linux has no mosrun: mosdesk
 * itself places the job and honours -m, -J and -D; everything else needs MOSIX, and is refused
 * with the reason rather than dropped. Pure.
 */
import type { MosrunOptions } from '../../../../../agent/src/mosrun/options';

export type Engine = 'linux' | 'mosix';

/** The dialog's fields that only MOSIX honours: the option each stands for and what it needs. */
const FIELD_NEEDS = {
  home: ['-h', 'a home node'],
  gridClass: ['-G', 'a multi-cluster to migrate into'],
  batch: ['-E/-M', 'MOSIX batch jobs'],
  queue: ['-q', "MOSIX's queue"],
  checkpoint: ['-C/-A/-N', 'MOSIX checkpoints'],
  unsupported: ['-e/-w', "MOSIX's system-call interception"],
  locked: ['-L', 'automatic migration'],
} as const satisfies Record<string, readonly [string, string]>;

type Check = { has: (o: MosrunOptions) => boolean; option: string; needs: string };
const field = (f: keyof typeof FIELD_NEEDS, has: Check['has']): Check => ({
  has,
  option: FIELD_NEEDS[f][0],
  needs: FIELD_NEEDS[f][1],
});

const MOSIX_ONLY: Check[] = [
  field('home', (o) => o.placement?.kind === 'home'),
  field('gridClass', (o) => o.gridClass !== undefined),
  field('batch', (o) => o.batch !== undefined),
  field('queue', (o) => o.queue !== undefined),
  field(
    'checkpoint',
    (o) => o.checkpointBase !== undefined || o.checkpointEveryMinutes !== undefined || o.checkpointMax !== undefined,
  ),
  field('unsupported', (o) => o.unsupported !== undefined),
  { has: (o) => o.migration !== undefined, option: '-L/-l', needs: 'automatic migration' },
  { has: (o) => o.anywhere !== undefined, option: '-F', needs: 'mosrun' },
  { has: (o) => o.parallel !== undefined, option: '-P', needs: "MOSIX's queue" },
  { has: (o) => o.exclusiveStdin !== undefined, option: '-i', needs: 'MOSIX batch jobs' },
  { has: (o) => o.timeOfDay !== undefined, option: '-t/-T', needs: 'migrated processes' },
  { has: (o) => o.noIoHoming !== undefined, option: '-c', needs: 'migrated processes' },
  { has: (o) => o.decay !== undefined, option: '-d', needs: "MOSIX's load balancing" },
  { has: (o) => o.flagN !== undefined || o.flagZ !== undefined, option: '-n/-z', needs: 'mosrun' },
  { has: (o) => (o.privateDirs?.length ?? 0) > 0, option: '-X', needs: 'migrated processes' },
];

/** Why an option cannot be used on this engine, or null when it can. */
export const linuxRefusal = (option: string, needs: string) =>
  `${option} needs ${needs}; this cluster's nodes run plain Linux, without mosrun.`;

/** Every option of `o` the engine cannot honour, each with why. */
export function unhonoured(opts: MosrunOptions, engine: Engine): { option: string; why: string }[] {
  const out: { option: string; why: string }[] = [];
  if (engine === 'linux')
    for (const m of MOSIX_ONLY) if (m.has(opts)) out.push({ option: m.option, why: linuxRefusal(m.option, m.needs) });
  if (opts.target.kind === 'commands' && opts.target.failedFile !== undefined)
    out.push({
      option: '-S failed-file',
      why: 'mosdesk runs the set itself and lists the failed lines in the jobs list; it writes no failed-file on the node. Remove ",failed-file".',
    });
  return out;
}

/** Why each MOSIX-only field of the dialog is disabled on a linux cluster. */
export const MOSIX_FIELDS = Object.fromEntries(
  Object.entries(FIELD_NEEDS).map(([f, [option, needs]]) => [f, linuxRefusal(option, needs)]),
) as Record<keyof typeof FIELD_NEEDS, string>;
