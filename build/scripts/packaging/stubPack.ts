/**
 * --stub-pack: lets electron-builder really pack linux-unpacked, with a stand-in for Electron.
 * electron-builder accepts an unpacked Electron directory as `electronDist`, and at the --dir
 * stage it only copies that directory, renames the executable and writes app.asar and the
 * resources; a shell script in place of the binary is enough for all of it. What stays untested
 * is what needs the real binary or downloaded tools: AppImage, deb, dmg, nsis.
 */
import { spawnSync } from 'node:child_process';
import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, sep } from 'node:path';
import { AGENT_BUNDLE, ROOT } from '../paths';
import { EXPECTED, type PackageJson } from './expected';
import type { Internals } from './internals';
import { check, problem, rel, someOf } from './report';

/** Runs electron-builder; returns its linux-unpacked dir, or null after reporting why there is none. */
function packWithStub(eb: Internals, configFile: string, work: string): string | null {
  const stub = join(work, 'electron');
  mkdirSync(join(stub, 'resources'), { recursive: true });
  writeFileSync(join(stub, 'electron'), '#!/bin/sh\necho "stand-in for Electron (checkPackaging --stub-pack)"\n');
  chmodSync(join(stub, 'electron'), 0o755);
  // electron-builder keeps these two next to the binary (license duties); they must exist.
  for (const name of ['LICENSE', 'LICENSES.chromium.html']) writeFileSync(join(stub, name), 'stand-in\n');
  const out = join(work, 'out');
  const args = ['--config', configFile, '--dir', '--linux', `-c.electronDist=${stub}`, `-c.directories.output=${out}`];
  console.log(`  ..  electron-builder --dir --linux with a stand-in Electron, into ${out}`);
  const run = spawnSync(process.execPath, [eb.cliPath, ...args], { cwd: ROOT, encoding: 'utf8' });
  if (run.status !== 0) {
    const tail = `${run.stdout}${run.stderr}`.trim().split('\n').slice(-8).join('\n');
    problem(`electron-builder --dir failed with the stand-in Electron:\n${tail}`);
    return null;
  }
  const unpacked = readdirSync(out).find((name) => /^linux.*unpacked$/.test(name));
  if (!unpacked) problem(`electron-builder --dir produced no linux-unpacked dir in ${out}.`);
  return unpacked ? join(out, unpacked) : null;
}

/** Compares the packed app with what the static checks predicted from the config. */
function inspect(eb: Internals, app: string, expectedFiles: string[]): void {
  const asarFile = join(app, 'resources', 'app.asar');
  check(
    existsSync(join(app, 'mosdesk')),
    'linux-unpacked/mosdesk executable',
    'linux-unpacked has no "mosdesk" executable.',
  );
  if (!check(existsSync(asarFile), 'resources/app.asar', 'linux-unpacked has no resources/app.asar.')) return;
  // Files only: a directory's entry in the archive header lists its children.
  const entries = eb.asar
    .listPackage(asarFile, { isPack: false })
    .map((entry) =>
      entry
        .replace(/^[/\\]/, '')
        .split(sep)
        .join('/'),
    )
    .filter((entry) => !('files' in eb.asar.statFile(asarFile, entry)));
  const want = new Set(expectedFiles);
  const got = new Set(entries);
  const missing = [...want].filter((file) => !got.has(file));
  const extra = [...got].filter((file) => !want.has(file));
  check(
    missing.length === 0 && extra.length === 0,
    `app.asar holds exactly the ${got.size} files the static check predicted`,
    `app.asar differs from the prediction: missing [${someOf(missing)}], extra [${someOf(extra)}]`,
  );
  const packedPkg = JSON.parse(eb.asar.extractFile(asarFile, 'package.json').toString('utf8')) as PackageJson;
  check(
    packedPkg.main !== undefined && got.has(packedPkg.main),
    `packed package.json main ${packedPkg.main} is inside app.asar`,
    `packed package.json main ${String(packedPkg.main)} is not inside app.asar.`,
  );
  const packedAgent = join(app, 'resources', ...EXPECTED.agentResource.split('/'));
  check(
    existsSync(packedAgent) && readFileSync(packedAgent).equals(readFileSync(AGENT_BUNDLE)),
    `resources/${EXPECTED.agentResource} is a byte-identical copy of ${rel(AGENT_BUNDLE)}`,
    `resources/${EXPECTED.agentResource} is missing or differs from ${rel(AGENT_BUNDLE)}.`,
  );
}

export function stubPack(eb: Internals, configFile: string, expectedFiles: string[]): void {
  const work = mkdtempSync(join(tmpdir(), 'mosdesk-stub-pack-'));
  try {
    const app = packWithStub(eb, configFile, work);
    if (app) inspect(eb, app, expectedFiles);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
