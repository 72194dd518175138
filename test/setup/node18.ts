/**
 * A Node 18 binary for the tests that prove the agent bundle runs on the oldest Node we support.
 * Node 20 is installed from NodeSource, so Debian's own Node 18 cannot be installed beside it:
 * we download Debian's nodejs + libnode108 (pinned to an 18.x version) and unpack them with
 * `dpkg -x` into a cache directory, with a small wrapper that points the loader at libnode.
 *
 * `npx tsx test/setup/node18.ts` (as root) provisions it and prints the wrapper's path.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureDebianPackages, type Requirement } from './debianPackages';

/** Re-used across runs; MOSDESK_NODE18_CACHE moves it (e.g. for a CI cache). */
export const NODE18_CACHE = process.env.MOSDESK_NODE18_CACHE ?? '/var/cache/mosdesk-test/node18';

const PROVISION_COMMAND = 'sudo npx tsx test/setup/node18.ts';

/** Debian patches its Node 18 to load these from /usr/share/nodejs instead of carrying copies. */
const SHARED_MODULES: Requirement[] = ['acorn', 'cjs-module-lexer', 'undici'].map((name) => ({
  pkg: `node-${name}`,
  file: `/usr/share/nodejs/${name}/package.json`,
  why: `Debian's Node 18 loads ${name} from /usr/share/nodejs`,
}));

/**
 * Shared libraries libnode108 links against. Ordinary packages that install fine beside
 * NodeSource's Node 20 (libc-ares2 is unpacked instead, as the recipe that was tried does).
 */
const RUNTIME_LIBS = ['libuv1', 'libicu72', 'libssl3', 'libbrotli1', 'zlib1g', 'libnghttp2-14'];

/** The packages unpacked into the cache; each must exist in the same version as `nodejs` except c-ares. */
const UNPACKED = ['nodejs', 'libnode108'];

/**
 * The newest 18.x version of `nodejs` that `libnode108` also offers, from two
 * `apt-cache madison` outputs ("nodejs | 18.20.4+dfsg-1~deb12u3 | http://... Packages").
 * Pure, so the choice can be read and tested apart from apt.
 */
export function pickNode18Version(madisonNodejs: string, madisonLibnode: string): string | undefined {
  const versions = (text: string, pkg: string): string[] =>
    text
      .split('\n')
      .map((line) => line.split('|').map((field) => field.trim()))
      .filter((fields) => fields[0] === pkg && fields[1]?.startsWith('18.'))
      .map((fields) => fields[1] as string);
  const libnode = new Set(versions(madisonLibnode, 'libnode108'));
  // madison lists the newest first.
  return versions(madisonNodejs, 'nodejs').find((v) => libnode.has(v));
}

/** The version the wrapper answers, or undefined when it does not run. */
function versionOf(node: string): string | undefined {
  if (!existsSync(node)) return undefined;
  const result = spawnSync(node, ['--version'], { encoding: 'utf8', timeout: 20_000 });
  return result.status === 0 ? result.stdout.trim() : undefined;
}

function answersV18(node: string): boolean {
  return /^v18\.\d+\.\d+$/.test(versionOf(node) ?? '');
}

function run(command: string, args: string[], cwd?: string): string {
  const result = spawnSync(command, args, {
    cwd,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  });
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed (status ${result.status}).`);
  return result.stdout;
}

function madison(pkg: string): string {
  return run('apt-cache', ['madison', pkg]);
}

/** Finds usr/lib/<multiarch> in the unpacked tree: where libnode.so.108 landed. */
function libDirOf(root: string): string {
  const usrLib = join(root, 'usr/lib');
  const dir = readdirSync(usrLib).find((d) => existsSync(join(usrLib, d, 'libnode.so.108')));
  if (!dir) throw new Error(`libnode.so.108 not found under ${usrLib} after unpacking.`);
  return `usr/lib/${dir}`;
}

/** A wrapper found by its own location, so the tree can be checked before it is moved into place. */
function writeWrapper(root: string): void {
  const wrapper = join(root, 'node');
  writeFileSync(
    wrapper,
    [
      '#!/bin/sh',
      "# Debian's Node 18, unpacked by test/setup/node18.ts; libnode and c-ares live beside it.",
      'here=$(dirname "$(readlink -f "$0")")',
      `LD_LIBRARY_PATH="$here/${libDirOf(root)}\${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}" exec "$here/usr/bin/node" "$@"`,
      '',
    ].join('\n'),
  );
  chmodSync(wrapper, 0o755);
}

/** Downloads the pinned packages and unpacks them into `staging`. */
function unpackInto(staging: string): void {
  let version = pickNode18Version(madison('nodejs'), madison('libnode108'));
  if (!version) {
    run('apt-get', ['update', '-qq']);
    version = pickNode18Version(madison('nodejs'), madison('libnode108'));
  }
  if (!version) throw new Error('apt offers no Node 18 (nodejs + libnode108 18.x); is this Debian 12?');
  console.log(`unpacking Debian's nodejs ${version} for the Node 18 tests`);
  const downloads = mkdtempSync(join(tmpdir(), 'mosdesk-node18-debs-'));
  // apt drops to the _apt user to download; let it write here rather than warn.
  chmodSync(downloads, 0o777);
  mkdirSync(staging, { recursive: true });
  try {
    run('apt-get', ['download', '-q', ...UNPACKED.map((p) => `${p}=${version}`), 'libc-ares2'], downloads);
    for (const deb of readdirSync(downloads).filter((f) => f.endsWith('.deb'))) {
      run('dpkg', ['-x', join(downloads, deb), staging]);
    }
  } finally {
    rmSync(downloads, { recursive: true, force: true });
  }
}

function provision(cacheDir: string): void {
  ensureDebianPackages(SHARED_MODULES);
  run('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...RUNTIME_LIBS]);
  const staging = `${cacheDir}.staging-${process.pid}`;
  rmSync(staging, { recursive: true, force: true });
  try {
    unpackInto(staging);
    writeWrapper(staging);
    const answered = versionOf(join(staging, 'node'));
    if (!/^v18\./.test(answered ?? '')) {
      throw new Error(`The unpacked Node 18 does not run (--version answered ${answered ?? 'nothing'}).`);
    }
    rmSync(cacheDir, { recursive: true, force: true });
    renameSync(staging, cacheDir);
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
}

/**
 * The path of a working Node 18 (a wrapper script that execs Debian's node), provisioned into
 * `cacheDir` when missing or broken. Root provisions; anyone else gets the command to run.
 * Nothing is skipped for a missing tool: it is installed or this throws.
 */
export function ensureNode18(cacheDir: string = NODE18_CACHE): string {
  const wrapper = join(cacheDir, 'node');
  if (answersV18(wrapper)) {
    ensureSharedModulesOrExplain();
    return wrapper;
  }
  if (process.getuid?.() !== 0) {
    const command =
      cacheDir === NODE18_CACHE && !process.env.MOSDESK_NODE18_CACHE
        ? PROVISION_COMMAND
        : PROVISION_COMMAND.replace('sudo ', `sudo MOSDESK_NODE18_CACHE=${cacheDir} `);
    throw new Error(`No Node 18 at ${wrapper} for the agent's Node 18 tests; provision it with: ${command}`);
  }
  provision(cacheDir);
  if (!answersV18(wrapper)) throw new Error(`Provisioned Node 18 at ${wrapper}, yet it does not answer v18.x.`);
  return wrapper;
}

/** The cache survives package changes; the shared modules it needs may not. */
function ensureSharedModulesOrExplain(): void {
  if (SHARED_MODULES.every((r) => existsSync(r.file))) return;
  if (process.getuid?.() !== 0) {
    const pkgs = SHARED_MODULES.map((r) => r.pkg).join(' ');
    throw new Error(`Debian's Node 18 needs ${pkgs}; install them with: sudo apt-get install -y ${pkgs}`);
  }
  ensureDebianPackages(SHARED_MODULES);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === resolve(process.argv[1])) {
  try {
    console.log(ensureNode18());
  } catch (err) {
    console.error(err instanceof Error ? err.message : String(err));
    process.exitCode = 1;
  }
}
