import { lookup } from 'node:dns/promises';

/** A host name's IPv4 address as this node resolves it (as MOSIX would), or undefined when none comes in time. */
export async function lookupIPv4(name: string, timeoutMs: number): Promise<string | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<undefined>((resolve) => {
    timer = setTimeout(() => resolve(undefined), timeoutMs);
  });
  const found = await Promise.race([lookup(name, { family: 4 }).catch(() => undefined), timeout]);
  clearTimeout(timer);
  return found?.address;
}
