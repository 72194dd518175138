/**
 * The /etc/mosix store's operations on a directory of the test's own (the paths are a parameter of
 * the modules; the agent itself always uses /etc/mosix): staging, switching, backups, pruning, and
 * rolling forward from the exact on-disk states a crash leaves, built here by hand.
 */
import { createHash } from 'node:crypto';
import {
  chmodSync,
  chownSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readBackup, listBackups, MAX_BACKUPS } from '../../../agent/src/config/backups';
import { readConfigFile } from '../../../agent/src/config/files';
import { formatManifest } from '../../../agent/src/config/manifest';
import { type ConfigOp, executeOp } from '../../../agent/src/config/op';
import { configPaths, type ConfigPaths } from '../../../agent/src/config/paths';
import { readConfigFiles } from '../../../agent/src/config/read';
import { listPending, markerPath, stagedFile } from '../../../agent/src/config/staged';
import type { ConfigChange, StageResult, SwitchResult } from '../../../agent/src/protocol/configTypes';

let dir: string;
let paths: ConfigPaths;

const MAP = '10.77.0.1 2\n';
const sha = (data: string | Buffer) => createHash('sha256').update(data).digest('hex');
const op = (o: ConfigOp) => executeOp(o, paths);
const stage = (applyId: string, changes: ConfigChange[]) =>
  op({ op: 'stage', params: { applyId, changes } }) as Promise<StageResult>;
const doSwitch = (applyId: string) => op({ op: 'switch', params: { applyId } }) as Promise<SwitchResult>;
const file = (name: string) => readFileSync(join(dir, name), 'utf8');
const stagedIds = () => (existsSync(paths.staged) ? readdirSync(paths.staged) : []);

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'mosdesk-etc-'));
  paths = configPaths(dir);
  writeFileSync(join(dir, 'mosix.map'), MAP);
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('stage', () => {
  it('writes the new files beside the old ones, with the old file mode, and leaves the old ones alone', async () => {
    chmodSync(join(dir, 'mosix.map'), 0o640);
    chownSync(join(dir, 'mosix.map'), 1234, 5678);
    const result = await stage('apply-0001', [
      { name: 'mosix.map', text: '10.77.0.1 3\n', base: sha(MAP) },
      { name: 'partners/east', text: 'East\n50 1 1 1\n10.78.0.1 2 1 1 0\n', base: null },
    ]);
    expect(result).toMatchObject({ staged: true, applyId: 'apply-0001' });
    expect(file('mosix.map')).toBe(MAP);
    expect(readFileSync(stagedFile(paths, 'apply-0001', 'mosix.map'), 'utf8')).toBe('10.77.0.1 3\n');
    expect(statSync(stagedFile(paths, 'apply-0001', 'mosix.map')).mode & 0o7777).toBe(0o640);
    expect(statSync(stagedFile(paths, 'apply-0001', 'mosix.map'))).toMatchObject({ uid: 1234, gid: 5678 });
    expect(statSync(stagedFile(paths, 'apply-0001', 'partners/east'))).toMatchObject({ uid: 0, gid: 0 });
    expect(statSync(stagedFile(paths, 'apply-0001', 'partners/east')).mode & 0o7777).toBe(0o644);
    expect(await listPending(paths)).toMatchObject([
      { applyId: 'apply-0001', phase: 'staged', files: ['mosix.map', 'partners/east'] },
    ]);
  });

  it('is a conflict with nothing staged when a base is not the file now', async () => {
    const result = await stage('apply-0001', [
      { name: 'mosix.map', text: '10.77.0.1 3\n', base: sha('10.77.0.1 1\n') },
      { name: 'mosip', text: '10.77.0.1\n', base: sha('was there') },
    ]);
    expect(result).toMatchObject({
      staged: false,
      conflicts: [
        { name: 'mosix.map', now: { present: true, text: MAP, sha256: sha(MAP) } },
        { name: 'mosip', base: sha('was there'), now: { name: 'mosip', present: false } },
      ],
    });
    expect(stagedIds()).toEqual([]);
  });

  it('refuses files validation finds wrong on this node, with nothing staged', async () => {
    const result = await stage('apply-0001', [{ name: 'mosix.map', text: '10.77.0.1 many\n', base: sha(MAP) }]);
    expect(result.staged).toBe(false);
    expect(result.staged === false && result.problems[0]).toMatchObject({
      file: 'mosix.map',
      line: 1,
      severity: 'error',
    });
    expect(stagedIds()).toEqual([]);
  });

  it('refuses an apply id already used, staged or switched', async () => {
    const change = { name: 'mosix.map', text: MAP, base: sha(MAP) };
    expect(await stage('apply-0001', [change])).toMatchObject({ staged: true });
    expect(await stage('apply-0001', [change])).toMatchObject({
      staged: false,
      reason: expect.stringContaining('already staged'),
    });
    expect(await doSwitch('apply-0001')).toMatchObject({ switched: true });
    expect(await stage('apply-0001', [change])).toMatchObject({
      staged: false,
      reason: expect.stringContaining('already switched'),
    });
  });

  it('refuses to replace a symbolic link, and to read one that leads out of the directory', async () => {
    symlinkSync('/etc/hostname', join(dir, 'mosip'));
    await expect(readConfigFile(dir, 'mosip')).rejects.toThrow(/symbolic link to \/etc\/hostname, outside/);
    const result = await stage('apply-0001', [{ name: 'mosip', text: '10.77.0.1\n', base: null }]);
    expect(result).toMatchObject({ staged: false, reason: expect.stringContaining('outside') });
    expect(stagedIds()).toEqual([]);
  });

  it('refuses files too big to be configuration, and directories in their place', async () => {
    writeFileSync(join(dir, 'userview.map'), 'x'.repeat(256 * 1024 + 1));
    await expect(readConfigFiles(dir)).rejects.toThrow(/userview\.map .* is 262145 bytes, over the 256 KiB/);
    rmSync(join(dir, 'userview.map'));
    mkdirSync(join(dir, 'freeze.conf'));
    await expect(readConfigFiles(dir)).rejects.toThrow(/freeze\.conf .* is not a regular file/);
  });
});

const NEW_MAP = '10.77.0.1 4\n';
const PARTNER = 'East\n50 1 1 1\n10.78.0.1 2 1 1 0\n';
/** Not UTF-8: a backup must keep the bytes, not a decoded text. */
const OLD_USERVIEW = Buffer.from([
  0x31, 0x20, 0x31, 0x30, 0x2e, 0x37, 0x37, 0x2e, 0x30, 0x2e, 0x31, 0x20, 0x32, 0x20, 0x23, 0xff, 0x0a,
]);

/** Stages: mosix.map rewritten, partners/east created, userview.map removed. */
async function stageThree(applyId = 'apply-0001'): Promise<void> {
  writeFileSync(join(dir, 'userview.map'), OLD_USERVIEW);
  const result = await stage(applyId, [
    { name: 'mosix.map', text: NEW_MAP, base: sha(MAP) },
    { name: 'partners/east', text: PARTNER, base: null },
    { name: 'userview.map', text: null, base: sha(OLD_USERVIEW) },
  ]);
  expect(result).toMatchObject({ staged: true });
}

function expectNewSet(): void {
  expect(file('mosix.map')).toBe(NEW_MAP);
  expect(file('partners/east')).toBe(PARTNER);
  expect(existsSync(join(dir, 'userview.map'))).toBe(false);
}

function expectOldSet(): void {
  expect(file('mosix.map')).toBe(MAP);
  expect(existsSync(join(dir, 'partners/east'))).toBe(false);
  expect(readFileSync(join(dir, 'userview.map'))).toEqual(OLD_USERVIEW);
}

/** What switch.ts leaves just before its first rename: the backup in place, then the marker. */
function halfSwitched(applyId: string): void {
  const backup = join(paths.backups, applyId);
  mkdirSync(join(backup, 'files'), { recursive: true });
  writeFileSync(join(backup, 'files', 'mosix.map'), MAP);
  writeFileSync(join(backup, 'files', 'userview.map'), OLD_USERVIEW);
  const files = [
    { name: 'mosix.map', present: true },
    { name: 'partners/east', present: false },
    { name: 'userview.map', present: true },
  ];
  writeFileSync(join(backup, 'backup.json'), formatManifest({ id: applyId, at: Date.now(), files }));
  writeFileSync(markerPath(paths, applyId), `${Date.now()}\n`);
}

describe('switch', () => {
  it('puts every staged file in place, removes removals and keeps the old bytes in the backup', async () => {
    await stageThree();
    expect(await doSwitch('apply-0001')).toEqual({
      switched: true,
      applyId: 'apply-0001',
      backupId: 'apply-0001',
      files: ['mosix.map', 'partners/east', 'userview.map'],
    });
    expectNewSet();
    expect(stagedIds()).toEqual([]);
    const backup = await readBackup(paths, 'apply-0001');
    expect(backup?.files).toMatchObject([
      { name: 'mosix.map', present: true, text: MAP, sha256: sha(MAP) },
      { name: 'partners/east', present: false },
      { name: 'userview.map', present: true, sha256: sha(OLD_USERVIEW) },
    ]);
    expect(readFileSync(join(paths.backups, 'apply-0001', 'files', 'userview.map'))).toEqual(OLD_USERVIEW);
  });

  it('moves nothing when a file changed between stage and switch', async () => {
    await stageThree();
    writeFileSync(join(dir, 'mosix.map'), '10.77.0.9 1\n');
    const result = await doSwitch('apply-0001');
    expect(result).toMatchObject({ switched: false, reason: expect.stringContaining('mosix.map changed on') });
    expect(result.switched === false && result.now.map((s) => s.name)).toEqual([
      'mosix.map',
      'partners/east',
      'userview.map',
    ]);
    expect(file('mosix.map')).toBe('10.77.0.9 1\n');
    expect(existsSync(join(dir, 'partners/east'))).toBe(false);
    expect(await listBackups(paths)).toEqual([]);
    expect(await listPending(paths)).toMatchObject([{ applyId: 'apply-0001', phase: 'staged' }]);
  });

  it('says when there is nothing staged by that id', async () =>
    expect(await doSwitch('apply-0404')).toMatchObject({
      switched: false,
      reason: expect.stringContaining('no apply apply-0404 is staged'),
    }));

  it('keeps the newest backups only', async () => {
    for (let i = 0; i < MAX_BACKUPS + 2; i++) {
      const now = readFileSync(join(dir, 'mosix.map'));
      const id = `apply-${String(1000 + i)}`;
      expect(await stage(id, [{ name: 'mosix.map', text: `10.77.0.1 ${i + 2}\n`, base: sha(now) }])).toMatchObject({
        staged: true,
      });
      expect(await doSwitch(id)).toMatchObject({ switched: true });
    }
    const ids = (await listBackups(paths)).map((b) => b.id);
    expect(ids).toHaveLength(MAX_BACKUPS);
    expect(ids[0]).toBe(`apply-${1000 + MAX_BACKUPS + 1}`);
    expect(ids).not.toContain('apply-1000');
    expect(ids).not.toContain('apply-1001');
  });
});

describe('after a crash', () => {
  it('finishes a switch cut short before any rename (marker and backup there)', async () => {
    await stageThree();
    halfSwitched('apply-0001');
    expect(await listPending(paths)).toMatchObject([{ applyId: 'apply-0001', phase: 'switching' }]);
    expect(await op({ op: 'recover' })).toEqual({ finished: ['apply-0001'] });
    expectNewSet();
    expect(stagedIds()).toEqual([]);
    expect((await readBackup(paths, 'apply-0001'))?.files.map((f) => f.present)).toEqual([true, false, true]);
  });

  it('finishes a switch cut short halfway, on the next operation of any kind', async () => {
    await stageThree();
    halfSwitched('apply-0001');
    mkdirSync(join(dir, 'partners'));
    renameSync(stagedFile(paths, 'apply-0001', 'mosix.map'), join(dir, 'mosix.map'));
    expect(await op({ op: 'discard', params: { applyId: 'apply-0404' } })).toEqual({ removed: false });
    expectNewSet();
    expect(stagedIds()).toEqual([]);
  });

  it('finishes a switch whose files were all renamed but whose staging was not removed yet', async () => {
    await stageThree();
    halfSwitched('apply-0001');
    mkdirSync(join(dir, 'partners'));
    renameSync(stagedFile(paths, 'apply-0001', 'mosix.map'), join(dir, 'mosix.map'));
    renameSync(stagedFile(paths, 'apply-0001', 'partners/east'), join(dir, 'partners/east'));
    rmSync(join(dir, 'userview.map'));
    await op({ op: 'recover' });
    expectNewSet();
    expect(stagedIds()).toEqual([]);
  });

  it('keeps the old set when the crash came before the marker (backup half written)', async () => {
    await stageThree();
    mkdirSync(join(paths.backups, '.tmp-apply-0001', 'files'), { recursive: true });
    writeFileSync(join(paths.backups, '.tmp-apply-0001', 'files', 'mosix.map'), MAP);
    expect(await op({ op: 'recover' })).toEqual({ finished: [] });
    expectOldSet();
    expect(readdirSync(paths.backups)).toEqual([]);
    expect(await listPending(paths)).toMatchObject([{ applyId: 'apply-0001', phase: 'staged' }]);
    expect(await doSwitch('apply-0001')).toMatchObject({ switched: true });
    expectNewSet();
  });

  it('removes a stage cut short (no manifest yet) and a finished staging left behind', async () => {
    mkdirSync(join(paths.staged, 'apply-0002', 'files'), { recursive: true });
    writeFileSync(join(paths.staged, 'apply-0002', 'files', 'mosix.map'), 'half');
    mkdirSync(join(paths.staged, '.done-apply-0003'), { recursive: true });
    expect(await listPending(paths)).toEqual([]);
    await op({ op: 'recover' });
    expect(stagedIds()).toEqual([]);
    expect(file('mosix.map')).toBe(MAP);
  });
});

describe('discard', () => {
  it('removes a staged apply and leaves the files as they were', async () => {
    await stageThree();
    expect(await op({ op: 'discard', params: { applyId: 'apply-0001' } })).toEqual({ removed: true });
    expect(await op({ op: 'discard', params: { applyId: 'apply-0001' } })).toEqual({ removed: false });
    expectOldSet();
    expect(stagedIds()).toEqual([]);
  });
});
