/**
 * The hub's notices for what belongs to no node: a damaged clusters.json (moved aside, the user
 * told where), an unreadable one (nothing started, nothing written), and dismissing them.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { type HubHarness, startHub } from '../../support/hubHarness';
import { type SshWorkspace, sshWorkspace } from '../../support/sshHub';

let ws: SshWorkspace | undefined;
let h: HubHarness | undefined;
afterEach(() => {
  h?.hub.close();
  ws?.remove();
  h = ws = undefined;
});

function hubWith(clustersJson: (path: string) => void): HubHarness {
  ws = sshWorkspace();
  clustersJson(join(ws.userData, 'clusters.json'));
  h = startHub(ws.hubOptions());
  return h;
}

describe('hub notices', () => {
  it('tells of a damaged clusters.json and where it was moved, until dismissed in every window', async () => {
    const hub = hubWith((path) => writeFileSync(path, '{"version":1,"clusters":[{"id":'));
    const [notice] = await hub.ok('notices.list', {});
    expect(notice).toMatchObject({ level: 'warning' });
    const aside = readdirSync(ws!.userData).find((f) => f.startsWith('clusters.json.corrupt-'));
    expect(aside).toBeDefined();
    expect(notice?.text).toContain(`it was moved aside to ${aside}`);
    expect(notice?.text).toContain('The saved clusters start empty: add them again, or stop mosdesk, repair that file');

    const other: unknown[] = [];
    const second = hub.hub.connect((event, payload) => other.push({ event, payload }));
    expect(await hub.ok('notices.dismiss', { noticeId: notice!.noticeId })).toEqual({ dismissed: true });
    expect(other).toContainEqual({ event: 'notices.changed', payload: { notices: [] } });
    expect(await hub.ok('notices.list', {})).toEqual([]);
    expect(await hub.ok('notices.dismiss', { noticeId: notice!.noticeId })).toEqual({ dismissed: false });
    second.close();
  });

  it('shows the notice again after a restart, until it is dismissed', async () => {
    const first = hubWith((path) => writeFileSync(path, 'not json'));
    const [notice] = await first.ok('notices.list', {});
    await first.hub.clusters();
    // Kept on disk (written just after it was raised) before mosdesk stops.
    const kept = join(ws!.userData, 'notices.json');
    await expect.poll(() => (existsSync(kept) ? readFileSync(kept, 'utf8') : '')).toContain(notice!.noticeId);
    first.hub.close();
    // The same user data, the damaged file already moved aside: the notice is still there.
    const second = startHub(ws!.hubOptions());
    h = second;
    await expect
      .poll(async () => (await second.ok('notices.list', {})).map((n) => n.noticeId))
      .toEqual([notice!.noticeId]);
    await second.ok('notices.dismiss', { noticeId: notice!.noticeId });
    second.hub.close();
    const third = startHub(ws!.hubOptions());
    h = third;
    await new Promise((r) => setTimeout(r, 100));
    expect(await third.ok('notices.list', {})).toEqual([]);
  });

  it('says nothing when the file is fine or missing', async () => {
    const hub = hubWith(() => undefined);
    expect(await hub.ok('notices.list', {})).toEqual([]);
  });

  it('starts nothing and writes nothing when clusters.json cannot be read, and says why', async () => {
    const hub = hubWith((path) => mkdirSync(path));
    const [notice] = await hub.ok('notices.list', {});
    expect(notice).toMatchObject({ level: 'error' });
    expect(notice?.text).toMatch(/The saved clusters could not be read: .*clusters\.json cannot be read \(EISDIR\)/);
    const reply = await hub.conn.call('clusters.add', { name: 'x', hosts: '127.0.0.1', settings: {} });
    expect(reply).toMatchObject({ ok: false, error: { code: 'unavailable' } });
    if (!reply.ok) expect(reply.error.message).toContain('so mosdesk changes none of them');
    // Also from one node's cluster map: refused before any login (no host key is even asked).
    const fromNode = await hub.conn.call('clusters.add', { name: 'y', fromNode: '127.0.0.1', settings: {} });
    expect(fromNode).toMatchObject({ ok: false, error: { code: 'unavailable' } });
    if (!fromNode.ok) expect(fromNode.error.message).toContain('so mosdesk changes none of them');
    expect(hub.events.filter((e) => e.event === 'hostkey.prompt')).toEqual([]);
    expect(statSync(join(ws!.userData, 'clusters.json')).isDirectory()).toBe(true);
  });

  it('refuses a bad dismiss with a reason', async () => {
    const hub = hubWith(() => undefined);
    const reply = await hub.conn.call('notices.dismiss', { noticeId: 42 });
    expect(reply).toMatchObject({ ok: false, error: { code: 'bad-request' } });
  });
});
