/**
 * The launcher: a fixed POSIX sh script, never built from user input. The program and its
 * arguments arrive as positional parameters ("$@"), so no word of them is ever parsed by a shell.
 * It joins the run's cgroup (if any) so everything it starts is inside, starts the program,
 * reports its pid, waits, and records the exit status — after the agent is long gone if need be.
 * Files are written under a temporary name and renamed, so the agent never reads half a number.
 * Started with setsid (detached), it is its own session leader: the SSH session ending does not
 * reach it, and the program's processes share its session id, which is how the agent finds them.
 */
export const LAUNCHER_SCRIPT = [
  'cg=$1; dir=$2; shift 2',
  'if [ -n "$cg" ] && ! echo $$ > "$cg/cgroup.procs"; then',
  '  echo "mosdesk: could not enter cgroup $cg" >&2',
  '  echo 125 > "$dir/exit.tmp" && mv -f "$dir/exit.tmp" "$dir/exit"; exit 125',
  'fi',
  '"$@" &',
  'child=$!',
  'echo "$child" > "$dir/pid.tmp" && mv -f "$dir/pid.tmp" "$dir/pid"',
  'wait "$child"',
  'status=$?',
  'echo "$status" > "$dir/exit.tmp" && mv -f "$dir/exit.tmp" "$dir/exit"',
].join('\n');

/** $0 of the launcher, so `ps` shows what it is. */
export const LAUNCHER_NAME = 'mosdesk-job';
