/**
 * mosrun's options as the dialog explains them: the form each is written in and one sentence on
 * what it does (reference §1.1). Pure; the parser and builder use the same letters.
 */

export interface OptionHelp {
  /** As written on a command line, the value in braces. */
  form: string;
  explain: string;
}

export const OPTION_HELP = {
  r: { form: '-r{host}', explain: 'Start on that host.' },
  ip: { form: '-{a.b.c.d}', explain: 'Start on the node with that IP address.' },
  node: { form: '-{n}', explain: 'Start on node number n of the cluster map (mosrun -3 prog).' },
  h: { form: '-h', explain: 'Start on the home node, the node mosrun runs on.' },
  b: { form: '-b', explain: 'Let MOSIX choose the best node.' },
  j: { form: '-j{from-to,...}', explain: 'Start on a node picked at random from these node-number ranges.' },
  G: {
    form: '-G[{class}]',
    explain: 'A class above 0 may migrate to other clusters of the multi-cluster; -G alone is class 1.',
  },
  F: {
    form: '-F',
    explain: 'Run anywhere when the requested node is unavailable, rather than fail (openMosix meaning).',
  },
  L: { form: '-L', explain: 'Locked: MOSIX never migrates it by itself (a manual migrate still can).' },
  l: { form: '-l', explain: 'Free to migrate automatically (the default).' },
  D: { form: '-D{DD:HH:MM}', explain: 'Your estimate of its run time, shown as DUE in mosps.' },
  A: { form: '-A{minutes}', explain: 'Take a checkpoint every this many minutes.' },
  N: { form: '-N{max}', explain: 'After this many checkpoints, start numbering them again from 1.' },
  q: { form: '-q[{pri}]', explain: "Wait in the cluster's queue; priority 50 by default, lower starts first." },
  Q: { form: '-Q[{pri}]', explain: 'Queue as -q, the variant used with parallel jobs (-P).' },
  P: { form: '-P{n}', explain: 'The job splits into n parallel processes: the queue waits for n free processors.' },
  J: {
    form: '-J{id}',
    explain: 'Job ID (0 by default, per user): mosps, mosq, migrate and moskillall act on all of it.',
  },
  m: {
    form: '-m{MB}',
    explain: 'The most memory it needs: it never goes to a node with less free, and it steers -b and the queue.',
  },
  d: { form: '-d{0-10000}', explain: 'Decay weight of its load history (0-10000).' },
  c: { form: '-c', explain: 'Do not bring it home because of its system calls or I/O.' },
  n: { form: '-n', explain: 'Passed to mosrun as given (documented by name only).' },
  z: { form: '-z', explain: 'Passed to mosrun as given (documented by name only).' },
  e: { form: '-e', explain: 'An unsupported system call fails with ENOSYS instead of killing it.' },
  u: { form: '-u', explain: 'An unsupported system call kills it (the default).' },
  w: { form: '-w', explain: 'As -e, and a warning is printed.' },
  t: { form: '-t', explain: 'Time of day from the node it runs on.' },
  T: { form: '-T', explain: 'Time of day from its home node (the default).' },
  E: { form: '-E[/{dir}]', explain: 'A native Linux batch job on another node, in that directory (yours by default).' },
  M: { form: '-M[/{dir}]', explain: 'A migratable batch job whose home may be another node, in that directory.' },
  i: { form: '-i', explain: 'The batch job gets standard input to itself (for input redirected from a file).' },
  C: { form: '-C{base}', explain: 'Checkpoint files are base.1, base.2, ...' },
  X: { form: '-X{/dir}', explain: 'New files in this directory are private to the process (repeatable).' },
  S: {
    form: '-S{maxjobs}',
    explain: 'Run the lines of a commands file, at most maxjobs at once; failed lines go to the failed-file.',
  },
  R: { form: '-R{checkpoint}', explain: 'Resume a process from a checkpoint file.' },
  O: { form: '-O{fd}={file}', explain: 'With -R: reopen descriptor fd on another file.' },
  I: { form: '-I{checkpoint}', explain: 'Show what a checkpoint file holds.' },
} as const satisfies Record<string, OptionHelp>;

export type OptionKey = keyof typeof OPTION_HELP;
