import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));
export const AGENT_BUNDLE = resolve(ROOT, 'dist/agent/mosdesk-agent.cjs');
export const WEB_MAIN = resolve(ROOT, 'dist/web/main.cjs');

/** Integration and e2e tests run the built app, as users do; `npm test` builds it first. */
export function requireBuilt(...files: string[]): void {
  const missing = files.filter((f) => !existsSync(f));
  if (missing.length > 0) throw new Error(`Not built: ${missing.join(', ')}. Run "npm run build" first.`);
}
