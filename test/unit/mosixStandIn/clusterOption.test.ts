/** The test cluster's `mosix` option, as layout.ts checks and lays it out (pure: no cluster is started). */
import { describe, expect, it } from 'vitest';
import { clusterLayout, validateOptions } from '../../cluster/layout';
import { standInSshConfig, wrapperScript } from '../../cluster/mosixLayout';
import { parseMap } from '../../mosixStandIn/mapFile';

const base = { name: 'msi', nodes: 3, subnet: 41 };

describe('the mosix option', () => {
  it('gives the stand-in nodes their wrappers and a map of them all; the others nothing', () => {
    const layout = clusterLayout(validateOptions({ ...base, mosix: { nodes: [2, 1] } }));
    expect(layout.mosix).toMatchObject({
      nodes: [1, 2],
      dir: '/run/mosdesk-test-cluster/msi/mosix',
      sharedDir: '/run/mosdesk-test-cluster/msi/mosix/shared',
      declinePath: '/run/mosdesk-test-cluster/msi/mosix/shared/decline',
    });
    const [n1, n2, n3] = layout.nodes;
    expect([n1?.mosixBinDir, n2?.mosixBinDir, n3?.mosixBinDir]).toEqual([
      '/run/mosdesk-test-cluster/msi/mosix/bin',
      '/run/mosdesk-test-cluster/msi/mosix/bin',
      undefined,
    ]);
    const map = n1?.etcFiles?.['mosix/mosix.map'] ?? '';
    expect(parseMap(map).nodes.map((n) => n.address)).toEqual([n1?.address, n2?.address]);
    expect(n2?.etcFiles).toEqual(n1?.etcFiles);
    expect(n3?.etcFiles).toBeUndefined();
  });

  it("keeps a node's own files, its own mosix.map first of all", () => {
    const etcFiles = { 1: { 'mosix/mosix.map': '10.0.0.1 1\n', hosts: 'x\n' }, 2: { hosts: 'y\n' } };
    const layout = clusterLayout(validateOptions({ ...base, mosix: { nodes: [1, 2] }, etcFiles }));
    expect(layout.nodes[0]?.etcFiles).toEqual(etcFiles[1]);
    expect(layout.nodes[1]?.etcFiles).toEqual({ 'mosix/mosix.map': '10.210.41.11 2\n', hosts: 'y\n' });
  });

  const bad: [object, RegExp][] = [
    [{ mosix: { nodes: [4] } }, /mosix: no node 4/],
    [{ mosix: { nodes: [1, 1] } }, /node 1 is listed twice/],
    [{ mosix: { nodes: [] } }, /at least one node/],
    [{ mosix: { nodes: [1.5] } }, /Bad test cluster options/],
    [{ mosix: { nodes: [3] }, behind: [{ node: 3, gateway: 1 }] }, /node 3 is behind a gateway/],
    [{ mosix: { nodes: [2] }, nodeBinary: { 2: 'missing' } }, /node 2 has a nodeBinary/],
  ];
  for (const [extra, why] of bad)
    it(`refuses ${JSON.stringify(extra)}`, () => expect(() => validateOptions({ ...base, ...extra })).toThrow(why));

  it('writes wrappers that run the bundle with /usr/bin/node, mosrun keeping its PID', () => {
    expect(wrapperScript('mosps', '/b/standin.cjs')).toMatch(
      /\nexec \/usr\/bin\/node '\/b\/standin.cjs' mosps "\$@"\n$/,
    );
    expect(wrapperScript('mosrun', '/b/standin.cjs')).toMatch(
      /_mosrun "\$\$" "\$@"\) \|\| exit\nshift "\$n"\nexec "\$@"\n$/,
    );
  });

  it("gives node-to-node ssh the copied key and the cluster's known_hosts, strictly", () => {
    const layout = clusterLayout(validateOptions({ ...base, mosix: { nodes: [1] } }));
    const text = standInSshConfig(layout.mosix!, layout.knownHostsPath);
    expect(text).toContain(`IdentityFile ${layout.mosix!.keyPath}\n`);
    expect(text).toContain(`UserKnownHostsFile ${layout.knownHostsPath}\n`);
    expect(text).toContain('StrictHostKeyChecking yes\n');
  });
});
