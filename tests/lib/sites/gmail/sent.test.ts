import { describe } from 'vitest';
import { GMAIL_SENDS } from '../../../../lib/sites/gmail/sent';
import { GMAIL_SENT_CASES, SENT_GERMAN } from '../../../fixtures/gmail/sent/cases';
import { describeSentFixtures } from '../../../support/sent';

describe('GMAIL_SENDS on the saved sends (tests/fixtures/gmail/sent/)', () => {
  describeSentFixtures('gmail', GMAIL_SENDS, GMAIL_SENT_CASES, SENT_GERMAN);
});
