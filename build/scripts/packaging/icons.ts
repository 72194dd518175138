/**
 * Icons: each configured file exists, has the container format its platform needs (read from
 * its header, not its name), is big enough, and is the file electron-builder itself would pick.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Configuration } from 'electron-builder';
import { ROOT, fromRoot } from '../paths';
import { ICON_RULES, PLATFORMS, isNonEmptyString, type PlatformKey } from './expected';
import type { Internals } from './internals';
import { check, errorText, problem, rel } from './report';

type Measured = { size: number } | { error: string };

/** PNG: the signature, then the IHDR chunk, which always comes first and holds width and height. */
export function pngLargest(buf: Buffer): Measured {
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  if (buf.length < 24 || !buf.subarray(0, 8).equals(signature) || buf.toString('latin1', 12, 16) !== 'IHDR') {
    return { error: 'not a PNG file' };
  }
  const width = buf.readUInt32BE(16);
  const height = buf.readUInt32BE(20);
  return width === height ? { size: width } : { error: `${width}x${height} is not square` };
}

/** Pixel size of each ICNS element type that holds a whole image (masks and metadata are skipped). */
// prettier-ignore
const ICNS_SIZES: Record<string, number> = {
  is32: 16, il32: 32, ih32: 48, it32: 128, icp4: 16, icp5: 32, icp6: 64, ic07: 128,
  ic08: 256, ic09: 512, ic10: 1024, ic11: 32, ic12: 64, ic13: 256, ic14: 512,
};

/** ICNS: 'icns' + big-endian total length, then elements of type(4) + length(4, header included). */
export function icnsLargest(buf: Buffer): Measured {
  if (buf.length < 8 || buf.toString('latin1', 0, 4) !== 'icns') return { error: 'no "icns" magic' };
  if (buf.readUInt32BE(4) !== buf.length)
    return { error: `header says ${buf.readUInt32BE(4)} bytes, file has ${buf.length}` };
  let largest = 0;
  for (let offset = 8; offset < buf.length;) {
    if (offset + 8 > buf.length) return { error: `truncated element header at byte ${offset}` };
    const type = buf.toString('latin1', offset, offset + 4);
    const length = buf.readUInt32BE(offset + 4);
    if (length < 8 || offset + length > buf.length) return { error: `element ${type} overruns the file` };
    largest = Math.max(largest, ICNS_SIZES[type] ?? 0);
    offset += length;
  }
  return largest > 0 ? { size: largest } : { error: 'no image elements' };
}

/** ICO: reserved 0, type 1, count, then 16-byte entries (a width/height byte of 0 means 256). */
export function icoLargest(buf: Buffer): Measured {
  if (buf.length < 6 || buf.readUInt16LE(0) !== 0 || buf.readUInt16LE(2) !== 1) return { error: 'not an ICO header' };
  const count = buf.readUInt16LE(4);
  if (count === 0) return { error: 'no images' };
  let largest = 0;
  for (let i = 0; i < count; i++) {
    const entry = 6 + i * 16;
    if (entry + 16 > buf.length) return { error: `directory entry ${i} is truncated` };
    const width = buf[entry] || 256;
    const height = buf[entry + 1] || 256;
    const size = buf.readUInt32LE(entry + 8);
    const offset = buf.readUInt32LE(entry + 12);
    if (offset + size > buf.length || size < 8) return { error: `image ${i} overruns the file` };
    // Each image is either a PNG or a BMP without its file header (a 40-byte BITMAPINFOHEADER).
    if (buf.readUInt32BE(offset) !== 0x89504e47 && buf.readUInt32LE(offset) !== 40) {
      return { error: `image ${i} is neither PNG nor BMP` };
    }
    if (width !== height) return { error: `image ${i} is not square (${width}x${height})` };
    largest = Math.max(largest, width);
  }
  return { size: largest };
}

const MEASURE = { set: pngLargest, icns: icnsLargest, ico: icoLargest };

async function checkIcon(eb: Internals, config: Configuration, platform: PlatformKey, scratch: string): Promise<void> {
  const rule = ICON_RULES[platform];
  const configured = config[platform]?.icon ?? config.icon;
  // Without one, electron-builder silently falls back to build/icon.* or Electron's own icon.
  if (!isNonEmptyString(configured)) return problem(`${platform}.icon is not set; name a ${rule.ext} file in build/.`);
  if (!configured.endsWith(rule.ext)) {
    return problem(
      `${platform}.icon must be a ${rule.ext} file (electron-builder would download a converter for ${configured}).`,
    );
  }
  // electron-builder looks an icon up in the build resources dir first, then in the project dir.
  const roots = [fromRoot(config.directories?.buildResources ?? 'build'), ROOT];
  const file = roots.map((root) => resolve(root, configured)).find((candidate) => existsSync(candidate));
  if (!file) return problem(`${platform}.icon ${configured} does not exist in build/ or the project dir.`);
  const measured = MEASURE[rule.format](readFileSync(file));
  if ('error' in measured) return problem(`${rel(file)} is not a valid ${rule.ext} icon: ${measured.error}.`);
  if (measured.size < rule.minSize) {
    return problem(
      `${rel(file)}: its largest image is ${measured.size}px; ${platform} needs ${rule.minSize}px or more.`,
    );
  }
  // Ask electron-builder which file it would use. The extension already is the wanted format,
  // so this takes its no-conversion path and downloads nothing.
  const picked = await eb.convertIcon({
    sources: [configured],
    fallbackSources: [],
    roots,
    format: rule.format,
    outDir: scratch,
  });
  const first = picked.icons[0];
  check(
    !picked.isFallback && first?.file === file,
    `${platform} icon ${rel(file)} (${rule.ext.slice(1)}, ${measured.size}px), used as-is by electron-builder`,
    `electron-builder would use ${first ? first.file : 'no icon'} for ${platform}, not ${rel(file)}.`,
  );
}

export async function checkIcons(eb: Internals, config: Configuration): Promise<void> {
  // convertIcon wants somewhere to write conversions; on the path taken here it writes nothing.
  const scratch = mkdtempSync(join(tmpdir(), 'mosdesk-icons-'));
  try {
    for (const platform of PLATFORMS) await checkIcon(eb, config, platform, scratch);
  } catch (err) {
    problem(`Icon lookup failed: ${errorText(err)}`);
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}
