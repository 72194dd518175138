/**
 * Checks build/electron-builder.yml as far as it can be checked without Electron's binary, which
 * electron-builder downloads when it packages and which cannot be fetched everywhere.
 *
 *   npx tsx build/scripts/checkPackaging.ts [--stub-pack] [--config FILE]
 *
 * Static checks (they need `npm run build` first): electron-builder's schema, the required keys and
 * targets, the icons, the `files` globs against dist/, package.json main, extraResources (the agent).
 * --stub-pack also packs linux-unpacked for real with a stand-in Electron and inspects the result.
 * --config checks another file (a draft, say) instead.
 *
 * Wherever electron-builder has the logic itself (schema, globbing, icon lookup) the checks call it
 * rather than imitate it (see packaging/internals.ts), so a pass means electron-builder agrees.
 * Every problem is collected and printed; the exit status is 1 if there was any.
 */
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Configuration, PlatformSpecificBuildOptions, TargetConfiguration } from 'electron-builder';
import { fromRoot } from './paths';
import { EXPECTED, PLATFORMS, isNonEmptyString, type PackageJson } from './packaging/expected';
import { checkBuilt, checkBundlesSelfContained, checkExtraResources, checkFiles } from './packaging/files';
import { checkIcons } from './packaging/icons';
import { loadInternals, quietLogger, type Internals } from './packaging/internals';
import { check, errorText, passed, problem, problems, rel } from './packaging/report';
import { stubPack } from './packaging/stubPack';

async function loadConfig(eb: Internals, file: string): Promise<Configuration | null> {
  let raw: unknown;
  try {
    raw = eb.yamlLoad(readFileSync(file, 'utf8'), { filename: file });
  } catch (err) {
    problem(`${rel(file)} cannot be read as YAML: ${errorText(err)}`);
    return null;
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    problem(`${rel(file)} must be a YAML mapping.`);
    return null;
  }
  // The schema validator coerces types in place ("true" -> true); validate a copy so the checks
  // below see what is really written in the file.
  try {
    await eb.validateConfiguration(structuredClone(raw), quietLogger);
    check(true, `matches electron-builder ${eb.version}'s configuration schema`, '');
  } catch (err) {
    problem(`electron-builder's schema rejects the config:\n${errorText(err)}`);
  }
  return raw as Configuration;
}

function targetNames(target: PlatformSpecificBuildOptions['target']): string[] {
  if (target === null || target === undefined) return [];
  const list: (string | TargetConfiguration)[] = Array.isArray(target) ? target : [target];
  return list.map((t) => (typeof t === 'string' ? t : t.target));
}

function checkTopLevel(config: Configuration, pkg: PackageJson): void {
  const { appId, productName, directories } = config;
  check(
    isNonEmptyString(appId) && /^[a-z][\w-]*(\.[\w-]+)+$/i.test(appId),
    `appId ${appId}`,
    'appId must be a reverse-DNS id (e.g. org.mosdesk.app): macOS and Windows key settings and updates on it.',
  );
  check(
    productName === EXPECTED.productName && (pkg.productName ?? productName) === productName,
    `productName ${EXPECTED.productName}, as in package.json`,
    `productName must be "${EXPECTED.productName}" here and in package.json (they say ${productName}, ${pkg.productName}).`,
  );
  check(
    directories?.output === EXPECTED.output && directories.buildResources === EXPECTED.buildResources,
    `directories: output ${EXPECTED.output}/, buildResources ${EXPECTED.buildResources}/`,
    `directories must be output: ${EXPECTED.output} (git-ignored) and buildResources: ${EXPECTED.buildResources}.`,
  );
  check(
    config.asar === true,
    'asar: true',
    `asar must be true (it is ${JSON.stringify(config.asar)}); the agent, which must stay a plain file, goes through extraResources.`,
  );
  // electron-builder refuses electron in dependencies (it would be packed into the app).
  check(
    pkg.devDependencies?.electron !== undefined && pkg.dependencies?.electron === undefined,
    'electron is a devDependency only',
    'electron must be in devDependencies, not dependencies.',
  );
  check(
    [pkg.name, pkg.version, pkg.description].every(isNonEmptyString) && pkg.author !== undefined,
    'package.json has name, version, description, author',
    'package.json needs name, version, description and author (used by the deb, the NSIS installer and About).',
  );
}

function checkPlatforms(config: Configuration): void {
  for (const platform of PLATFORMS) {
    const names = targetNames(config[platform]?.target).sort();
    const want = [...EXPECTED.targets[platform]].sort();
    check(
      names.join() === want.join(),
      `${platform} targets ${want.join(', ')}`,
      `${platform}.target must be exactly [${want.join(', ')}] (it is [${names.join(', ')}]).`,
    );
  }
  const { linux, mac } = config;
  check(
    linux?.category === EXPECTED.linuxCategory && mac?.category === EXPECTED.macCategory,
    `categories: linux ${EXPECTED.linuxCategory}, mac ${EXPECTED.macCategory}`,
    `linux.category must be "${EXPECTED.linuxCategory}" and mac.category "${EXPECTED.macCategory}".`,
  );
  check(
    isNonEmptyString(linux?.maintainer) && /<[^@\s]+@[^>\s]+>/.test(linux.maintainer),
    `linux.maintainer ${linux?.maintainer}`,
    'linux.maintainer must be "Name <email>": a deb control file needs a maintainer address.',
  );
  check(isNonEmptyString(linux?.synopsis), 'linux.synopsis', 'linux.synopsis must be set (the deb short description).');
}

function parseArgs(args: string[]): { configFile: string; stubPack: boolean } {
  const at = args.indexOf('--config');
  const known = args.filter((arg, i) => arg === '--stub-pack' || arg === '--config' || (at >= 0 && i === at + 1));
  if (known.length !== args.length || (at >= 0 && args[at + 1] === undefined)) {
    throw new Error('usage: checkPackaging.ts [--stub-pack] [--config FILE]');
  }
  const configFile = at >= 0 ? resolve(args[at + 1] ?? '') : fromRoot('build/electron-builder.yml');
  if (!existsSync(configFile)) throw new Error(`${configFile} does not exist.`);
  return { configFile, stubPack: args.includes('--stub-pack') };
}

async function main(): Promise<void> {
  const options = parseArgs(process.argv.slice(2));
  const eb = loadInternals();
  console.log(`Checking ${rel(options.configFile)} with electron-builder ${eb.version}`);
  const pkg = JSON.parse(readFileSync(fromRoot('package.json'), 'utf8')) as PackageJson;
  const config = await loadConfig(eb, options.configFile);
  if (config) {
    checkTopLevel(config, pkg);
    checkPlatforms(config);
    await checkIcons(eb, config);
    const built = checkBuilt(pkg);
    const files = built ? checkFiles(eb, config, pkg) : [];
    if (built) checkBundlesSelfContained();
    checkExtraResources(eb, config, built);
    // Packing is only worth it once the static checks pass: it would fail on the same things, less clearly.
    if (options.stubPack && problems.length === 0) stubPack(eb, options.configFile, files);
    else if (options.stubPack) problem('--stub-pack skipped because of the problems above.');
  }
  if (problems.length > 0) {
    console.error(`\nPackaging check failed: ${problems.length} problem(s), ${passed()} check(s) passed.`);
    for (const p of problems) console.error(`  - ${p.replace(/\n/g, '\n    ')}`);
    process.exitCode = 1;
  } else {
    console.log(`\nPackaging check passed (${passed()} checks).`);
  }
}

main().catch((err: unknown) => {
  console.error(`checkPackaging: ${errorText(err)}`);
  process.exitCode = 1;
});
