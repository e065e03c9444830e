import { describe } from 'vitest';
import { OUTLOOK_SENDS } from '../../../../lib/sites/outlook/sent';
import { OUTLOOK_SENT_CASES, SENT_GERMAN } from '../../../fixtures/outlook/sent/cases';
import { describeSentFixtures } from '../../../support/sent';

describe('OUTLOOK_SENDS on the saved sends (tests/fixtures/outlook/sent/)', () => {
  describeSentFixtures('outlook', OUTLOOK_SENDS, OUTLOOK_SENT_CASES, SENT_GERMAN);
});
