import { describe, expect, it } from 'vitest';
import { parseConfig, renderConfig } from '../../../agent/src/mosixConfig';
import { parseDocument, serialize } from '../../../agent/src/mosixConfig/document';
import { freezeFormat } from '../../../agent/src/mosixConfig/freezeFile';
import { mapFormat, userviewFormat } from '../../../agent/src/mosixConfig/mapFile';
import { mosipFormat } from '../../../agent/src/mosixConfig/mosipFile';
import { partnerFormat } from '../../../agent/src/mosixConfig/partnerFile';
import { queueFormat } from '../../../agent/src/mosixConfig/queueFile';

const texts = {
  'mosix.map':
    '# lab cluster\r\n\r\n10.0.0.1 16   \r\nhead 1 p # the head\r\nthis is not a map line\r\n\t\r\n10.0.1.1 4 o',
  'userview.map': '\n\n# numbering\n1 10.0.0.1 16\n100 head 1\ngarbage\n',
  mosip: '10.0.0.1  \n\n',
  'freeze.conf': '# dirs\n/frz 0.5 \n\n1 0 6 4 0 4 0 -1 10  # cls\nnonsense 1 2 3\n',
  'queue.conf': 'priority   50\nwhatever=1\n',
  'partners/lab': 'Lab two # not a comment\n45 1 1 1\n\n# racks\nmos1 38 1 1 1\n???\n',
};
const formats = {
  'mosix.map': mapFormat,
  'userview.map': userviewFormat,
  mosip: mosipFormat,
  'freeze.conf': freezeFormat,
  'queue.conf': queueFormat,
  'partners/lab': partnerFormat,
};

describe('round trip', () => {
  it.each(Object.entries(texts))('%s: an unchanged document gives back the same bytes', (name, text) => {
    const doc = parseDocument(name, text, formats[name as keyof typeof formats] as typeof mapFormat);
    expect(serialize(doc)).toBe(text);
  });

  it.each(['', '\n', '\r\n', 'a 1', '\n\n\n', 'x\r\ny\n'])('keeps %j byte for byte', (text) =>
    expect(serialize(parseDocument('mosix.map', text, mapFormat))).toBe(text),
  );

  it('renders nothing for an unchanged config, even with unknown lines and duplicates', () => {
    const files = new Map([...Object.entries(texts), ['queue.conf', 'Z 1\nZ 2\n']]);
    expect(renderConfig(parseConfig(files).config, files)).toEqual(new Map());
  });
});

describe('edits in place', () => {
  it("changes one partner's priority: only that line changes", () => {
    const files = new Map([
      ['partners/lab', texts['partners/lab']],
      ['partners/other', 'Other\n10 1 1 1\nx1 2 1 1 1\n'],
    ]);
    const { config } = parseConfig(files);
    config.partners.find((p) => p.name === 'lab')!.priority = 30;
    const out = renderConfig(config, files);
    expect([...out.keys()]).toEqual(['partners/lab']);
    expect(out.get('partners/lab')).toBe(texts['partners/lab'].replace('45 1 1 1', '30 1 1 1'));
  });

  it('rewrites a changed map range in place, keeping CRLF, its trailing comment and the unknown line', () => {
    const files = new Map([['mosix.map', texts['mosix.map']]]);
    const { config } = parseConfig(files);
    config.map[1]!.count = 2;
    expect(renderConfig(config, files).get('mosix.map')).toBe(texts['mosix.map'].replace('head 1 p #', 'head 2 p #'));
  });

  it("appends a new range after the last one, with the file's own line ending", () => {
    const files = new Map([['mosix.map', texts['mosix.map']]]);
    const { config } = parseConfig(files);
    config.map.push({ host: '10.0.2.1', count: 8, proximate: false, outsider: false });
    expect(renderConfig(config, files).get('mosix.map')).toBe(`${texts['mosix.map']}\r\n10.0.2.1 8\r\n`);
  });

  it('inserts a range where the model puts it (node numbers follow file order)', () => {
    const base = new Map([['mosix.map', '# a\n10.0.0.1 4\n# b\n10.0.1.1 4\n']]);
    const { config } = parseConfig(base);
    config.map.splice(1, 0, { host: 'mid', count: 1, proximate: true, outsider: false });
    expect(renderConfig(config, base).get('mosix.map')).toBe('# a\n10.0.0.1 4\nmid 1 p\n# b\n10.0.1.1 4\n');
  });

  it('drops a removed range and nothing else', () => {
    const base = new Map([['mosix.map', '# a\n10.0.0.1 4\n# b\n10.0.1.1 4\n10.0.2.1 4\n']]);
    const { config } = parseConfig(base);
    config.map.splice(1, 1);
    expect(renderConfig(config, base).get('mosix.map')).toBe('# a\n10.0.0.1 4\n# b\n10.0.2.1 4\n');
  });

  it('writes a whole directory from an empty config', () => {
    const { config } = parseConfig(new Map());
    config.map = [{ host: '10.0.0.1', count: 4, proximate: false, outsider: false }];
    config.queue = { priority: 50, z: null, n: { count: 2, mb: null } };
    config.freeze = { dirs: [{ path: '/frz', share: 0.5 }], classes: [] };
    expect(renderConfig(config, new Map())).toEqual(
      new Map([
        ['mosix.map', '10.0.0.1 4\n'],
        ['freeze.conf', '/frz 0.5\n'],
        ['queue.conf', 'priority 50\nN 2\n'],
      ]),
    );
  });

  it('removes the file of a partner that is gone, and keeps mosix.map (emptied) when its ranges are', () => {
    const base = new Map([
      ['mosix.map', '# nodes\n10.0.0.1 4\n'],
      ['partners/lab', texts['partners/lab']],
    ]);
    const { config } = parseConfig(base);
    config.partners = [];
    config.map = [];
    expect(renderConfig(config, base)).toEqual(
      new Map<string, string | null>([
        ['mosix.map', '# nodes\n'],
        ['partners/lab', null],
      ]),
    );
  });

  it.each(['bad name', '', '../x'])('refuses to write a partner named %j', (name) => {
    const { config } = parseConfig(new Map());
    config.partners = [{ name, description: 'x', priority: 1, canGo: true, canTake: true, canExpend: 0, ranges: [] }];
    expect(() => renderConfig(config, new Map())).toThrow(/cannot be a file name under partners/);
  });
});
