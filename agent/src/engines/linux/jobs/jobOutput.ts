import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import type { JobOutput } from '../../../protocol/jobTypes';
import type { StoredRun } from './storedRun';

/** Bytes to hold back so a UTF-8 character split by `maxBytes` is not returned half. */
function incompleteTail(buf: Buffer): number {
  for (let back = 1; back <= Math.min(3, buf.length); back++) {
    const byte = buf[buf.length - back] as number;
    if ((byte & 0xc0) === 0x80) continue; // continuation byte: keep looking for the lead byte
    const need = byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : byte >= 0xc0 ? 2 : 1;
    return need > back ? back : 0;
  }
  return 0;
}

/** Reads a slice of a job's stdout or stderr file, for a client that tails it. */
export function readJobOutput(
  run: StoredRun,
  stream: 'stdout' | 'stderr',
  offset: number,
  maxBytes: number,
): JobOutput {
  const path = stream === 'stdout' ? run.record.stdoutPath : run.record.stderrPath;
  const fd = openSync(path, 'r');
  try {
    const sizeBytes = fstatSync(fd).size;
    const length = Math.max(0, Math.min(maxBytes, sizeBytes - offset));
    const buf = Buffer.alloc(length);
    const read = length > 0 ? readSync(fd, buf, 0, length, offset) : 0;
    let usable = buf.subarray(0, read);
    // Hold back a cut character unless this is the end of a finished file.
    const ended = run.record.state === 'exited' || run.record.state === 'lost';
    if (!(ended && offset + read >= sizeBytes)) usable = usable.subarray(0, usable.length - incompleteTail(usable));
    return {
      runId: run.record.runId,
      stream,
      offset,
      data: usable.toString('utf8'),
      nextOffset: offset + usable.length,
      sizeBytes,
      ended,
    };
  } finally {
    closeSync(fd);
  }
}
