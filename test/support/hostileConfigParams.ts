/** config.* params an agent must refuse before it touches a file: each names what it tries. */

/** config.stage params built around one good `change`, each bad in one way. */
export function hostileStageParams(change: { name: string; text: string; base: string | null }) {
  const id = 'hostile-apply-1';
  const bad = (name: string, changes: object[], more: object = {}) => ({
    name,
    params: { applyId: id, changes, ...more },
  });
  return [
    bad('a name climbing out', [{ ...change, name: '../passwd' }]),
    bad('a partner name climbing out', [{ ...change, name: 'partners/../../shadow' }]),
    bad('an absolute path', [{ ...change, name: '/etc/shadow' }]),
    bad('the state directory', [{ ...change, name: '.mosdesk/lock' }]),
    bad('text over 256 KiB', [{ ...change, text: 'x'.repeat(256 * 1024 + 1) }]),
    bad('a NUL in the text', [{ ...change, text: 'a\0b' }]),
    bad('a base that is no sha256', [{ ...change, base: 'x' }]),
    bad('no changes', []),
    bad(
      '65 changes',
      Array.from({ length: 65 }, () => change),
    ),
    bad('a directory given', [change], { dir: '/tmp' }),
    bad('an apply id with a slash', [change], { applyId: '../../../tmp/x' }),
    bad('an apply id too short', [change], { applyId: 'abc' }),
  ];
}

/** The other methods: bad ids, and a path where none is taken. */
export const HOSTILE_ID_PARAMS: [string, object][] = [
  ['config.switch', { applyId: '..' }],
  ['config.discard', { applyId: 'hostile/../x' }],
  ['config.backup', { backupId: '../staged' }],
  ['config.read', { dir: '/etc' }],
];
