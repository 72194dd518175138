/**
 * The agent's /etc/mosix methods on a real test cluster (cfg35, subnet 35, 2 nodes, each with an
 * /etc of its own): the built bundle runs inside a node as root, or as nobody with and without a
 * sudo rule, and the files are read back inside the node. Root only.
 */
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BackupContent } from '../../../agent/src/protocol/configTypes';
import { RpcErrorCode } from '../../../agent/src/protocol/errors';
import { ensureDebianPackages, REQUIREMENTS } from '../../setup/debianPackages';
import type { AgentProcess } from '../../support/agentProcess';
import { HOSTILE_ID_PARAMS, hostileStageParams } from '../../support/hostileConfigParams';
import {
  CONFIG_DIR as DIR,
  type ConfigNodes,
  NOBODY,
  readConfig as read,
  stageConfig as stage,
  startConfigNodes,
  switchConfig as switchIn,
} from '../../support/configNodes';

const SUBNET = 35;
const MAP = `10.210.${SUBNET}.11 2\n`;
const MOSIP = `10.210.${SUBNET}.11\n`;

let nodes: ConfigNodes;
let root1: AgentProcess;
let root2: AgentProcess;

const sha = (text: string) => createHash('sha256').update(text).digest('hex');
const inNode = (k: number, argv: string[], input?: string) => nodes.inNode(k, argv, input);
const cat = (k: number, name: string) => nodes.cat(k, name);
const staged = (k: number) => nodes.staged(k);
const agent = (k: number, uid?: number) => nodes.agent(k, uid);

beforeAll(async () => {
  ensureDebianPackages(REQUIREMENTS.filter((r) => r.pkg === 'sudo'));
  nodes = await startConfigNodes({
    name: 'cfg35',
    nodes: 2,
    subnet: SUBNET,
    etcFiles: {
      // Only node1's nobody may sudo; node2's may not (a sudoers rule in the node's /etc only).
      1: {
        'mosix/mosix.map': MAP,
        'mosix/mosip': MOSIP,
        'sudoers.d/mosdesk-test': 'nobody ALL=(root) NOPASSWD: ALL\n',
      },
      2: { 'mosix/mosix.map': MAP },
    },
  });
  root1 = await agent(1);
  root2 = await agent(2);
}, 120_000);

afterAll(async () => nodes?.down());

describe('config.read', () => {
  it('lists every known file, present with its hash and time, the fixed names absent, and root write access', async () => {
    const snap = await read(root1);
    expect(snap.dir).toBe(DIR);
    expect(snap.write).toEqual({ ok: true, via: 'root' });
    expect(snap.files).toEqual([
      { name: 'mosix.map', present: true, text: MAP, sha256: sha(MAP), mtimeMs: expect.any(Number) },
      { name: 'userview.map', present: false },
      { name: 'mosip', present: true, text: MOSIP, sha256: sha(MOSIP), mtimeMs: expect.any(Number) },
      { name: 'freeze.conf', present: false },
      { name: 'queue.conf', present: false },
    ]);
    expect(snap).toMatchObject({
      pending: [],
      backups: [],
      facts: { hosts: {}, dirs: {}, addresses: [`10.210.${SUBNET}.11`] },
    });
  });

  it('gives what the node looks up for its files as they are: names resolved there, its own addresses', async () => {
    await inNode(1, ['mkdir', '-p', `${DIR}/partners`]);
    await inNode(1, ['tee', `${DIR}/partners/lo`], 'Loopback\n50 1 1 1\nlocalhost 1 1 1 0\n');
    try {
      const snap = await read(root1);
      expect(snap.files.map((f) => f.name)).toContain('partners/lo');
      expect(snap).toMatchObject({ facts: { hosts: { localhost: '127.0.0.1' }, addresses: [`10.210.${SUBNET}.11`] } });
    } finally {
      await inNode(1, ['rm', `${DIR}/partners/lo`]);
    }
  });
});

describe('stage and switch', () => {
  const NEW_MAP = `10.210.${SUBNET}.11 2 p\n10.210.${SUBNET}.50 1\n`;
  const PARTNER = `West wing\n40 1 1 1\n10.210.${SUBNET}.60 2 1 1 0\n`;

  it('writes the files in place (read back identical) and keeps the old ones in the backup', async () => {
    const id = 'cfg35-apply-1';
    const st = await stage(root1, id, [
      { name: 'mosix.map', text: NEW_MAP, base: sha(MAP) },
      { name: 'partners/west', text: PARTNER, base: null },
    ]);
    expect(st).toMatchObject({ staged: true, applyId: id });
    expect(await cat(1, 'mosix.map')).toBe(MAP);
    expect((await read(root1)).pending).toMatchObject([
      { applyId: id, phase: 'staged', files: ['mosix.map', 'partners/west'] },
    ]);
    expect(await switchIn(root1, id)).toEqual({
      switched: true,
      applyId: id,
      backupId: id,
      files: ['mosix.map', 'partners/west'],
    });
    expect(await cat(1, 'mosix.map')).toBe(NEW_MAP);
    expect(await cat(1, 'partners/west')).toBe(PARTNER);
    expect(await inNode(1, ['stat', '-c', '%U %a', `${DIR}/partners/west`])).toBe('root 644\n');
    expect(await staged(1)).toBe('');
    const backup = await root1.ok<BackupContent>('config.backup', { backupId: id });
    expect(backup.files).toMatchObject([
      { name: 'mosix.map', present: true, text: MAP, sha256: sha(MAP) },
      { name: 'partners/west', present: false },
    ]);
    const snap = await read(root1);
    expect(snap.files.find((f) => f.name === 'partners/west')).toMatchObject({ present: true, sha256: sha(PARTNER) });
    expect(snap.backups).toMatchObject([{ id, files: ['mosix.map', 'partners/west'] }]);
    expect(snap.pending).toEqual([]);
  });

  it('is a conflict with nothing staged when the caller read an older file', async () => {
    const now = await cat(1, 'mosix.map');
    const st = await stage(root1, 'cfg35-stale-1', [{ name: 'mosix.map', text: '10.210.35.11 1\n', base: sha(MAP) }]);
    expect(st).toMatchObject({
      staged: false,
      conflicts: [{ name: 'mosix.map', base: sha(MAP), now: { present: true, text: now, sha256: sha(now) } }],
    });
    expect(await staged(1)).toBe('');
  });

  it('refuses files this node finds wrong (mosip not one of its addresses), with nothing staged', async () => {
    const st = await stage(root1, 'cfg35-bad-mosip', [
      { name: 'mosip', text: `10.210.${SUBNET}.99\n`, base: sha(MOSIP) },
    ]);
    expect(st.staged).toBe(false);
    expect(st.staged === false && st.problems[0]).toMatchObject({ file: 'mosip', severity: 'error' });
    expect(st.staged === false && st.problems[0]?.message).toContain(
      `10.210.${SUBNET}.99 is not one of this node's addresses`,
    );
    expect(await staged(1)).toBe('');
  });

  it('moves nothing when a file changes between stage and switch', async () => {
    const id = 'cfg35-raced-1';
    const base = sha(await cat(1, 'mosix.map'));
    expect(await stage(root1, id, [{ name: 'mosix.map', text: MAP, base }])).toMatchObject({ staged: true });
    await inNode(1, ['tee', `${DIR}/mosix.map`], `10.210.${SUBNET}.11 1\n`);
    const sw = await switchIn(root1, id);
    expect(sw).toMatchObject({ switched: false, reason: expect.stringContaining('mosix.map changed on node1') });
    expect(sw.switched === false && sw.now).toMatchObject([{ name: 'mosix.map', text: `10.210.${SUBNET}.11 1\n` }]);
    expect(await cat(1, 'mosix.map')).toBe(`10.210.${SUBNET}.11 1\n`);
    expect(await root1.ok('config.discard', { applyId: id })).toEqual({ removed: true });
  });
});

describe('config.discard', () => {
  it('removes a staged apply, and says when there is none', async () => {
    const id = 'cfg35-discard-1';
    const before = await cat(2, 'mosix.map');
    expect(await stage(root2, id, [{ name: 'mosix.map', text: '10.210.35.12 1\n', base: sha(before) }])).toMatchObject({
      staged: true,
    });
    expect(await staged(2)).toBe(id);
    expect(await root2.ok('config.discard', { applyId: id })).toEqual({ removed: true });
    expect(await staged(2)).toBe('');
    expect((await read(root2)).pending).toEqual([]);
    expect(await root2.ok('config.discard', { applyId: id })).toEqual({ removed: false });
    expect(await cat(2, 'mosix.map')).toBe(before);
  });
});

describe('a node that cannot write /etc/mosix', () => {
  it('answers staged: false naming the node and the cause, with nothing staged left', async () => {
    const before = await cat(2, 'mosix.map');
    // Read-only in node2's mount namespace only; the overlay below stays writable for the rest.
    await inNode(2, ['mount', '--bind', DIR, DIR]);
    try {
      await inNode(2, ['mount', '-o', 'remount,bind,ro', DIR]);
      const st = await stage(root2, 'cfg35-ro-1', [{ name: 'mosix.map', text: '10.210.35.12 1\n', base: sha(before) }]);
      expect(st).toMatchObject({ staged: false, conflicts: [], problems: [] });
      expect(st.staged === false && st.reason).toBe(`could not stage on node2: ${DIR} is on a read-only filesystem`);
      expect((await read(root2)).pending).toEqual([]);
    } finally {
      await inNode(2, ['umount', DIR]);
    }
    expect(await staged(2)).toBe('');
    expect(await cat(2, 'mosix.map')).toBe(before);
  });
});

describe('a switch cut short by a crash', () => {
  const EAST = `East\n60 1 1 1\n10.210.${SUBNET}.70 1 1 1 0\n`;

  async function stageTwo(id: string, map: string): Promise<string> {
    const old = await cat(1, 'mosix.map');
    const st = await stage(root1, id, [
      { name: 'mosix.map', text: map, base: sha(old) },
      { name: 'partners/east', text: EAST, base: null },
    ]);
    expect(st).toMatchObject({ staged: true });
    return old;
  }

  it('is finished by the next config call, even when one file was already renamed in', async () => {
    const id = 'cfg35-crash-1';
    const map = `10.210.${SUBNET}.11 2\n10.210.${SUBNET}.80 1\n`;
    const old = await stageTwo(id, map);
    await nodes.crashMidSwitch(1, id, { 'mosix.map': old, 'partners/east': null });
    await inNode(1, ['mv', `${DIR}/.mosdesk/staged/${id}/files/mosix.map`, `${DIR}/mosix.map`]);
    const snap = await read(root1);
    expect(snap.pending).toEqual([]);
    expect(snap.files.find((f) => f.name === 'mosix.map')).toMatchObject({ text: map });
    expect(await cat(1, 'partners/east')).toBe(EAST);
    expect(snap.backups[0]).toMatchObject({ id, files: ['mosix.map', 'partners/east'] });
    expect(await staged(1)).toBe('');
    await inNode(1, ['rm', `${DIR}/partners/east`]);
  });

  it('is finished when an agent starts, before any call', async () => {
    const id = 'cfg35-crash-2';
    const map = `10.210.${SUBNET}.11 2\n10.210.${SUBNET}.90 1\n`;
    const old = await stageTwo(id, map);
    await nodes.crashMidSwitch(1, id, { 'mosix.map': old, 'partners/east': null });
    expect(await cat(1, 'mosix.map')).toBe(old);
    await agent(1); // hello only
    const deadline = Date.now() + 10_000;
    while ((await cat(1, 'mosix.map')) !== map && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    expect(await cat(1, 'mosix.map')).toBe(map);
    expect(await cat(1, 'partners/east')).toBe(EAST);
    expect(await staged(1)).toBe('');
  });
});

describe('an agent that is not root', () => {
  it('writes through sudo -n when its user may, the files still root’s', async () => {
    const nobody = await agent(1, NOBODY);
    const snap = await read(nobody);
    expect(snap.write).toEqual({ ok: true, via: 'sudo' });
    const id = 'cfg35-sudo-1';
    const map = `10.210.${SUBNET}.11 3\n`;
    const base = snap.files.find((f) => f.name === 'mosix.map');
    expect(
      await stage(nobody, id, [{ name: 'mosix.map', text: map, base: base?.present ? base.sha256 : null }]),
    ).toMatchObject({ staged: true });
    expect(await switchIn(nobody, id)).toMatchObject({ switched: true, backupId: id });
    expect(await cat(1, 'mosix.map')).toBe(map);
    expect(await inNode(1, ['stat', '-c', '%U %a', `${DIR}/mosix.map`])).toBe('root 644\n');
    expect((await nobody.ok<BackupContent>('config.backup', { backupId: id })).files[0]).toMatchObject({
      name: 'mosix.map',
      text: base?.present ? base.text : undefined,
    });
    const noChange = await stage(nobody, 'cfg35-sudo-2', [{ name: 'mosix.map', text: map, base: sha('old') }]);
    expect(noChange).toMatchObject({ staged: false, conflicts: [{ name: 'mosix.map' }] });
  });

  it('without sudo: read says who it runs as and what to do, and stage touches nothing', async () => {
    const nobody = await agent(2, NOBODY);
    const snap = await read(nobody);
    expect(snap.write.ok).toBe(false);
    const reason = snap.write.ok ? '' : snap.write.reason;
    expect(reason).toMatch(
      /^The agent on node2 runs as nobody \(uid 65534\), and changing \/etc\/mosix needs root: sudo -n refuses/,
    );
    expect(reason).toContain('Connect to this node as root, or let nobody run sudo without a password');
    expect(snap.files.find((f) => f.name === 'mosix.map')).toMatchObject({ present: true });
    const before = await cat(2, 'mosix.map');
    expect(
      await stage(nobody, 'cfg35-nosudo-1', [{ name: 'mosix.map', text: '10.210.35.12 1\n', base: sha(before) }]),
    ).toEqual({
      staged: false,
      applyId: 'cfg35-nosudo-1',
      conflicts: [],
      problems: [],
      reason,
    });
    const discard = await nobody.call(1, 'config.discard', { applyId: 'cfg35-nosudo-1' });
    expect(discard.error).toMatchObject({ code: RpcErrorCode.PermissionDenied, message: reason });
    expect(await staged(2)).toBe('');
  });

  it('cannot run the root side itself', async () => {
    const r = await nodes.configOp(2, { op: 'recover' }, NOBODY);
    expect(r.code).toBe(1);
    expect(r.reply).toMatchObject({ ok: false, error: { code: RpcErrorCode.PermissionDenied } });
  });
});

describe('hostile params', () => {
  const change = { name: 'mosix.map', text: MAP, base: null };
  const hostile = hostileStageParams(change);
  let id = 100;
  it.each(hostile)('refuses $name with InvalidParams and keeps serving', async ({ params }) => {
    const reply = await root1.call(id++, 'config.stage', params);
    expect(reply.error?.code).toBe(RpcErrorCode.InvalidParams);
    expect(reply.error?.message).toMatch(/^Invalid params: /);
    expect(await staged(1)).toBe('');
  });

  it.each(HOSTILE_ID_PARAMS)('refuses %s with %j', async (method, params) => {
    expect((await root1.call(id++, method, params)).error?.code).toBe(RpcErrorCode.InvalidParams);
  });

  it('says NotFound for a backup that does not exist', async () => {
    const reply = await root1.call(id++, 'config.backup', { backupId: 'cfg35-none-1' });
    expect(reply.error).toMatchObject({ code: RpcErrorCode.NotFound, message: 'no backup cfg35-none-1 on node1' });
  });

  it('checks an op again on the root side (--config-op takes no path, no bad name)', async () => {
    const op = { op: 'stage', params: { applyId: 'cfg35-evil-2', changes: [{ ...change, name: '../../etc/shadow' }] } };
    expect((await nodes.configOp(1, op)).reply).toMatchObject({
      ok: false,
      error: { code: RpcErrorCode.InvalidParams },
    });
    const extra = await nodes.configOp(1, { op: 'recover', dir: '/tmp' });
    expect(extra.reply).toMatchObject({ ok: false, error: { code: RpcErrorCode.InvalidParams } });
    expect(await staged(1)).toBe('');
  });
});
