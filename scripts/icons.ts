#!/usr/bin/env node
// `npm run icons`: renders the icon set from its SVG sources (store/icon/) into public/icon/,
// where the build copies them and wxt.config.ts's manifest names them. The PNGs are committed,
// so a build never needs this script or its renderer; run it after editing an SVG.
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { Resvg } from '@resvg/resvg-js';

/** The extension's icon sizes: toolbar (16, 32), extensions page (48), install dialog and stores (128). */
const ICON_SIZES = [16, 32, 48, 128] as const;
/** Firefox's toolbar icons for light and dark themes (`action.theme_icons`): toolbar sizes only. */
const THEME_ICON_SIZES = [16, 32] as const;
/**
 * The one-colour mark's colours, named as Firefox names them: `light` is the light mark for
 * dark toolbars, `dark` the dark mark for light ones. Our pages' text colours (components/ui/base.css).
 */
const THEME_COLOURS = { light: '#e6edf3', dark: '#1b1f24' } as const;

const SOURCE_DIR = resolve('store/icon');
const OUT_DIR = resolve('public/icon');

function render(svg: string, size: number): Buffer {
  // No text in the marks: skipping the system fonts keeps the output the same on every machine.
  return new Resvg(svg, { fitTo: { mode: 'width', value: size }, font: { loadSystemFonts: false } }).render().asPng();
}

async function main(): Promise<void> {
  const colour = await readFile(resolve(SOURCE_DIR, 'handoff.svg'), 'utf8');
  const mono = await readFile(resolve(SOURCE_DIR, 'handoff-mono.svg'), 'utf8');
  await mkdir(OUT_DIR, { recursive: true });
  const written: string[] = [];
  for (const size of ICON_SIZES) {
    const file = resolve(OUT_DIR, `${size}.png`);
    await writeFile(file, render(colour, size));
    written.push(file);
  }
  for (const [variant, fill] of Object.entries(THEME_COLOURS)) {
    for (const size of THEME_ICON_SIZES) {
      const file = resolve(OUT_DIR, `${variant}-${size}.png`);
      await writeFile(file, render(mono.replaceAll('currentColor', fill), size));
      written.push(file);
    }
  }
  console.log(`Wrote ${written.length} icons:\n${written.map((f) => `  ${f}`).join('\n')}`);
}

await main();
