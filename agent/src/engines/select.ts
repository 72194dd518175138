/**
 * Which engine runs on this node: the mosix engine where the MOSIX tools are installed and
 * `mosctl status` says MOSIX runs, else the linux engine. Either way the reason goes to `hello`.
 */
import type { Logger } from '../server/context';
import type { Engine } from './engine';
import { createLinuxEngine } from './linux/engine';
import { createLinuxServices } from './linux/services';
import { detectMosix } from './mosix/detect';
import { mosixEngineOf } from './mosix/engine';

export async function selectEngine(log: Logger): Promise<Engine> {
  const found = await detectMosix();
  if (found.kind !== 'running') {
    log.info(`linux engine: ${found.reason}`);
    return createLinuxEngine(log, { reason: found.reason });
  }
  log.info(`mosix engine: ${found.reason}`);
  return mosixEngineOf(await createLinuxServices(log), found, log);
}
