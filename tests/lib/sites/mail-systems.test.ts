import { describe, expect, it } from 'vitest';
import { isMailSystem, isNoPerson } from '../../../lib/sites/mail-systems';

describe('addresses that are no person', () => {
  it.each([
    ['mailer-daemon@googlemail.com', true, true],
    ['no-reply@accounts.example', true, true],
    ['40718822@bcc.pipeline-crm.example', false, true],
    ['55120947@bcc.hubspot.com', false, true],
    ['log@crm-dropbox.example', false, true],
    ['emailtosalesforce@abc.le.salesforce.com', false, true],
    ['deals@pipedrivemail.com', false, true],
    // People, whatever their company sells.
    ['dana.whitfield@northwind-analytics.com', false, false],
    ['jo@dropbox.com', false, false],
    ['sam@hubspot.com', false, false],
    ['noreen@replies.example', false, false],
  ])('%s: mail system %s, no person %s', (address, system, none) => {
    expect(isMailSystem(address)).toBe(system);
    expect(isNoPerson(address)).toBe(none);
  });
});
