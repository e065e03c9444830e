import { describe, expect, it } from 'vitest';
import { firstRunTab, WELCOME_PAGE } from '../../../lib/background/first-run';

const getURL = (path: string) => `chrome-extension://abc${path}`;

describe('firstRunTab', () => {
  it('opens the welcome page on a fresh install', () => {
    expect(firstRunTab({ reason: 'install' }, getURL)).toBe('chrome-extension://abc/welcome.html');
    expect(WELCOME_PAGE).toBe('/welcome.html');
  });

  it.each(['update', 'chrome_update', 'browser_update', 'shared_module_update', ''])(
    'opens nothing on "%s"',
    (reason) => {
      expect(firstRunTab({ reason }, getURL)).toBeNull();
    },
  );
});
