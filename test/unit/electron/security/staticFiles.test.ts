import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readStaticFile } from '../../../../electron/security/staticFiles';

let top: string;
/** The renderer root; `top` also holds files next to it that must never be served. */
let root: string;

beforeAll(async () => {
  top = await mkdtemp(join(tmpdir(), 'mosdesk-static-'));
  root = join(top, 'renderer');
  await mkdir(join(root, 'assets'), { recursive: true });
  await mkdir(join(top, 'renderer-private'), { recursive: true });
  await writeFile(join(root, 'index.html'), '<!doctype html><title>mosdesk</title>');
  await writeFile(join(root, 'assets', 'index-4f2a.js'), 'console.log("app");');
  await writeFile(join(root, 'assets', 'index-4f2a.css'), 'body{}');
  await writeFile(join(root, 'assets', 'font.woff2'), Buffer.from([0x77, 0x4f, 0x46, 0x32]));
  await writeFile(join(root, 'LOGO.PNG'), Buffer.from([0x89, 0x50, 0x4e, 0x47]));
  await writeFile(join(root, 'assets', 'café.svg'), '<svg/>');
  await writeFile(join(root, 'notes.txt'), 'not a served type');
  await writeFile(join(root, 'index.html.map'), '{}');
  await writeFile(join(root, '.env'), 'SECRET=1');
  await writeFile(join(top, 'secret.html'), '<p>secret</p>');
  await writeFile(join(top, 'renderer-private', 'key.json'), '{"secret":true}');
});

afterAll(async () => {
  await rm(top, { recursive: true, force: true });
});

const served = [
  {
    name: 'index.html for /',
    path: '/',
    body: '<!doctype html><title>mosdesk</title>',
    type: 'text/html; charset=utf-8',
  },
  {
    name: 'index.html for an empty path',
    path: '',
    body: '<!doctype html><title>mosdesk</title>',
    type: 'text/html; charset=utf-8',
  },
  {
    name: 'index.html by name',
    path: '/index.html',
    body: '<!doctype html><title>mosdesk</title>',
    type: 'text/html; charset=utf-8',
  },
  {
    name: 'a script',
    path: '/assets/index-4f2a.js',
    body: 'console.log("app");',
    type: 'text/javascript; charset=utf-8',
  },
  { name: 'a stylesheet', path: '/assets/index-4f2a.css', body: 'body{}', type: 'text/css; charset=utf-8' },
  { name: 'a font', path: '/assets/font.woff2', body: 'wOF2', type: 'font/woff2' },
  { name: 'an upper-case extension', path: '/LOGO.PNG', body: '\x89PNG', type: 'image/png' },
  { name: 'a percent-encoded file name', path: '/assets/caf%C3%A9.svg', body: '<svg/>', type: 'image/svg+xml' },
  {
    name: 'a path with doubled slashes',
    path: '//assets//index-4f2a.css',
    body: 'body{}',
    type: 'text/css; charset=utf-8',
  },
  {
    name: 'a harmless .. that stays inside',
    path: '/assets/../index.html',
    body: '<!doctype html><title>mosdesk</title>',
    type: 'text/html; charset=utf-8',
  },
];

const refused = [
  { name: '../ traversal', path: '/../secret.html' },
  { name: 'deep ../ traversal', path: '/assets/../../secret.html' },
  { name: '%2e%2e/ traversal', path: '/%2e%2e/secret.html' },
  { name: '%2E%2E%2F traversal', path: '/%2E%2E%2Fsecret.html' },
  { name: 'traversal into a sibling sharing the root as prefix', path: '/../renderer-private/key.json' },
  { name: 'a NUL byte', path: '/index.html%00.js' },
  { name: 'a raw NUL byte', path: '/index.html\0' },
  { name: 'malformed percent-encoding', path: '/%E0%A4%A.js' },
  { name: 'an unknown extension', path: '/notes.txt' },
  { name: 'a source map', path: '/index.html.map' },
  { name: 'a dotfile', path: '/.env' },
  { name: 'a directory', path: '/assets' },
  { name: 'a directory with a slash', path: '/assets/' },
  { name: 'the root itself via /.', path: '/.' },
  { name: 'a missing file', path: '/assets/missing.js' },
];

describe('readStaticFile', () => {
  it.each(served)('serves $name', async ({ path, body, type }) => {
    const file = await readStaticFile(root, path);
    expect(file).not.toBeNull();
    expect(file?.contentType).toBe(type);
    expect(file?.body).toEqual(Buffer.from(body, 'latin1'));
  });

  it.each(refused)('refuses $name', async ({ path }) => {
    expect(await readStaticFile(root, path)).toBeNull();
  });

  it('refuses an absolute path to an existing file outside the root, raw or encoded', async () => {
    const outside = join(top, 'secret.html');
    expect(await readStaticFile(root, `/${outside}`)).toBeNull();
    expect(await readStaticFile(root, `/${encodeURIComponent(outside)}`)).toBeNull();
  });

  it('works with a root given with a trailing slash or as a relative path', async () => {
    expect((await readStaticFile(`${root}/`, '/index.html'))?.contentType).toBe('text/html; charset=utf-8');
    const relative = join(root, '..', 'renderer', '.');
    expect((await readStaticFile(relative, '/assets/index-4f2a.js'))?.contentType).toBe(
      'text/javascript; charset=utf-8',
    );
    expect(await readStaticFile(`${root}/`, '/../secret.html')).toBeNull();
  });
});
