import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

/**
 * The committed icon set (`npm run icons`, scripts/icons.ts): every PNG the manifest names is
 * there and has the size its name says, read from the PNG header (signature, then the IHDR
 * chunk's width and height, big-endian).
 */
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

function pngSize(path: string): { width: number; height: number } {
  const bytes = readFileSync(path);
  expect(bytes.subarray(0, 8).equals(PNG_SIGNATURE), `${path} is a PNG`).toBe(true);
  expect(bytes.toString('latin1', 12, 16), `${path} starts with IHDR`).toBe('IHDR');
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

describe('public/icon', () => {
  it.each([16, 32, 48, 128])('has the %i px icon', (size) => {
    expect(pngSize(`public/icon/${size}.png`)).toEqual({ width: size, height: size });
  });

  it.each([
    ['light', 16],
    ['light', 32],
    ['dark', 16],
    ['dark', 32],
  ])("has Firefox's %s toolbar icon at %i px", (variant, size) => {
    expect(pngSize(`public/icon/${variant}-${size}.png`)).toEqual({ width: size, height: size });
  });
});
