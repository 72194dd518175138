/**
 * `npm test`: the whole suite, in the order that fails fastest. Installs the Debian packages
 * it needs when they are missing (as root), then typecheck, lint, build, the packaging check,
 * unit and integration tests, and the end-to-end tests in Debian's Chromium.
 */
import { spawnSync } from 'node:child_process';
import { ensureDebianPackages } from './setup/debianPackages';
import { ensureNode18 } from './setup/node18';
import { ROOT } from './support/dist';

const VITEST = ['vitest', 'run', '--config', 'test/vitest.config.ts'];

const steps: { name: string; command: string[] }[] = [
  { name: 'typecheck', command: ['npm', 'run', '--silent', 'typecheck'] },
  { name: 'lint', command: ['npm', 'run', '--silent', 'lint'] },
  { name: 'build', command: ['npm', 'run', '--silent', 'build'] },
  { name: 'packaging configuration', command: ['npm', 'run', '--silent', 'check:packaging'] },
  { name: 'unit + integration', command: ['npx', ...VITEST, '--project', 'unit', '--project', 'integration'] },
  { name: 'SSH test cluster', command: ['npx', ...VITEST, '--project', 'cluster'] },
  { name: 'end-to-end (Chromium)', command: ['npx', ...VITEST, '--project', 'e2e'] },
];

function main(): number {
  const started = Date.now();
  console.log('== Debian packages');
  ensureDebianPackages();
  console.log('== Node 18 (the oldest Node the agent bundle supports)');
  // Exported to the vitest processes below, which inherit this environment.
  process.env.MOSDESK_NODE18 = ensureNode18();
  for (const step of steps) {
    console.log(`\n== ${step.name}`);
    const t0 = Date.now();
    const [command, ...args] = step.command as [string, ...string[]];
    const result = spawnSync(command, args, { cwd: ROOT, stdio: 'inherit' });
    if (result.status !== 0) {
      console.error(`\nFAILED: ${step.name} (status ${result.status ?? result.signal})`);
      return 1;
    }
    console.log(`-- ${step.name}: ok in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  }
  console.log(`\nAll passed in ${((Date.now() - started) / 1000).toFixed(0)} s.`);
  return 0;
}

try {
  process.exitCode = main();
} catch (err) {
  console.error(`npm test: ${err instanceof Error ? err.message : String(err)}`);
  process.exitCode = 1;
}
