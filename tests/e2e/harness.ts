// Typed entry to the shared launcher, so e2e tests and the demo start Chromium the same way.
export { CHROMIUM_PATH, EXTENSION_DIR, assertChromium, launchWithExtension } from '../../scripts/lib/chromium.mjs';
