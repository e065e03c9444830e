// Typed entry to the shared launcher and fixture server, so e2e tests and the demo start the same way.
export { CHROMIUM_PATH, EXTENSION_DIR, assertChromium, launchWithExtension } from '../../scripts/lib/chromium';
export { FIXTURE_HOSTS, startFixtureServer } from '../../scripts/lib/fixture-server';
