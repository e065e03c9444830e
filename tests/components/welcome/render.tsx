import { render, screen } from '@testing-library/react';
import { WelcomePage, type WelcomePageProps } from '../../../components/welcome/WelcomePage';
import type { ManifestAccess } from '../../../components/welcome/permissions';
import config from '../../../wxt.config';

export const OPTIONS_URL = 'chrome-extension://test/options.html';

/** The manifest the extension ships (a production Chrome build), as `runtime.getManifest()` returns it. */
export async function shippedManifest(): Promise<ManifestAccess> {
  const make = config.manifest;
  if (typeof make !== 'function') throw new Error('wxt.config.ts: manifest is a function of the build');
  return (await make({
    mode: 'production',
    command: 'build',
    browser: 'chrome',
    manifestVersion: 3,
  })) as ManifestAccess;
}

/** The welcome page on fake-indexeddb, once its stored settings are loaded into the form. */
export async function openWelcome(props: Pick<WelcomePageProps, 'repos' | 'loadSample'> & Partial<WelcomePageProps>) {
  const rendered = render(
    <WelcomePage manifest={props.manifest ?? (await shippedManifest())} optionsUrl={OPTIONS_URL} {...props} />,
  );
  await screen.findByRole('form', { name: 'Who you are' });
  return rendered;
}
