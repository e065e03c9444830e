import { describe } from 'vitest';
import { LINKEDIN_SENDS } from '../../../../lib/sites/linkedin/sent';
import { LINKEDIN_SENT_CASES, SENT_GERMAN } from '../../../fixtures/linkedin/sent/cases';
import { describeSentFixtures } from '../../../support/sent';

describe('LINKEDIN_SENDS on the saved sends (tests/fixtures/linkedin/sent/)', () => {
  describeSentFixtures('linkedin', LINKEDIN_SENDS, LINKEDIN_SENT_CASES, SENT_GERMAN);
});
