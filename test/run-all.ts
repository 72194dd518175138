/**
 * `npm test`: the whole suite, in the order that fails fastest. Installs the Debian packages
 * it needs when they are missing (as root), then typecheck, lint, build, the packaging check,
 * unit and integration tests, and the end-to-end tests in Debian's Chromium.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { ensureDebianPackages } from './setup/debianPackages';
import { failureSummary } from './setup/failureSummary';
import { ensureNode18 } from './setup/node18';
import { ROOT } from './support/dist';

/** A vitest run that also writes a JSON report, whose failures are summed up at the end. */
function vitest(report: string, ...projects: string[]): { command: string[]; report: string } {
  const file = join(ROOT, 'test-results', `${report}.json`);
  const reporters = ['--reporter=default', '--reporter=json', `--outputFile.json=${file}`];
  return {
    command: ['npx', 'vitest', 'run', '--config', 'test/vitest.config.ts', ...reporters, ...projects],
    report: file,
  };
}

const steps: { name: string; command: string[]; report?: string }[] = [
  { name: 'typecheck', command: ['npm', 'run', '--silent', 'typecheck'] },
  { name: 'lint', command: ['npm', 'run', '--silent', 'lint'] },
  { name: 'build', command: ['npm', 'run', '--silent', 'build'] },
  { name: 'packaging configuration', command: ['npm', 'run', '--silent', 'check:packaging'] },
  { name: 'unit + integration', ...vitest('unit-integration', '--project', 'unit', '--project', 'integration') },
  { name: 'SSH test cluster', ...vitest('cluster', '--project', 'cluster') },
  { name: 'end-to-end (Chromium)', ...vitest('e2e', '--project', 'e2e') },
];

/** The failed tests of a failed step's JSON report, one short block each. */
function printFailures(report: string | undefined): void {
  if (!report) return;
  const lines = existsSync(report) ? failureSummary(readFileSync(report, 'utf8'), ROOT) : [];
  // Hooks inside a describe, unhandled errors and empty files fail a run without failing a test.
  if (lines.length === 0)
    lines.push('no failed test in the report: look above for "Unhandled Errors" or a failed hook');
  console.error(`\nWhat failed (all of it in ${report}):\n${lines.map((l) => `- ${l}`).join('\n')}`);
}

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
    if (step.report) rmSync(step.report, { force: true });
    const result = spawnSync(command, args, { cwd: ROOT, stdio: 'inherit' });
    if (result.status !== 0) {
      printFailures(step.report);
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
