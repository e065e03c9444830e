import type { Framework } from './enums';

export interface CriterionDefinition {
  key: string;
  label: string;
  description: string;
  /** Discovery questions a rep can ask to learn this criterion. */
  questions: readonly string[];
}

export interface FrameworkDefinition {
  key: Framework;
  label: string;
  criteria: readonly CriterionDefinition[];
}

const BANT: FrameworkDefinition = {
  key: 'bant',
  label: 'BANT',
  criteria: [
    {
      key: 'budget',
      label: 'Budget',
      description: 'Money is set aside, or can be, for a solution like ours.',
      questions: [
        'Have you set aside budget for solving this this year?',
        'How have you paid for similar tools in the past?',
        'Who signs off on spend of this size?',
      ],
    },
    {
      key: 'authority',
      label: 'Authority',
      description: 'We are talking to the decision maker, or know who it is and how they decide.',
      questions: [
        'Besides you, who else will weigh in on this decision?',
        'How did your team make its last purchase like this?',
      ],
    },
    {
      key: 'need',
      label: 'Need',
      description: 'A real problem we solve, with a cost to leaving it as it is.',
      questions: [
        'What made you look into this now?',
        'What happens if nothing changes in the next six months?',
        'How are you handling it today?',
      ],
    },
    {
      key: 'timeline',
      label: 'Timeline',
      description: 'A date or event by which they want it solved.',
      questions: ['When do you need a solution in place?', 'Is there an event or deadline driving that date?'],
    },
  ],
};

const MEDDIC: FrameworkDefinition = {
  key: 'meddic',
  label: 'MEDDIC',
  criteria: [
    {
      key: 'metrics',
      label: 'Metrics',
      description: 'The measurable gain the buyer expects.',
      questions: ['How will you measure success?', 'What number would make this worth it?'],
    },
    {
      key: 'economic_buyer',
      label: 'Economic buyer',
      description: 'The person who controls the budget and can say yes.',
      questions: ['Who has the final say on the budget?', 'Have they been involved so far?'],
    },
    {
      key: 'decision_criteria',
      label: 'Decision criteria',
      description: 'How they will compare options.',
      questions: ['What will you compare solutions on?', 'What would rule a vendor out?'],
    },
    {
      key: 'decision_process',
      label: 'Decision process',
      description: 'The steps and people between now and a signature.',
      questions: ['What are the steps from here to a signed agreement?', 'Who is involved at each step?'],
    },
    {
      key: 'identify_pain',
      label: 'Identify pain',
      description: 'The business pain behind the interest.',
      questions: ['What is this problem costing you today?', 'Who feels it most?'],
    },
    {
      key: 'champion',
      label: 'Champion',
      description: 'Someone inside who sells for us when we are not there.',
      questions: ['Who else wants this solved as much as you?', 'Would you present this to your leadership?'],
    },
  ],
};

const CHAMP: FrameworkDefinition = {
  key: 'champ',
  label: 'CHAMP',
  criteria: [
    {
      key: 'challenges',
      label: 'Challenges',
      description: 'The problems they need solved.',
      questions: ['What is the biggest challenge in your process today?', 'What have you tried so far?'],
    },
    {
      key: 'authority',
      label: 'Authority',
      description: 'Who decides and who influences.',
      questions: ['Who will make the final decision?', 'Who else should be in our next call?'],
    },
    {
      key: 'money',
      label: 'Money',
      description: 'Whether the funds exist or can be found.',
      questions: ['Is there budget for this, or would it need to be requested?', 'What range did you have in mind?'],
    },
    {
      key: 'prioritization',
      label: 'Prioritization',
      description: 'Where this sits among their priorities and when.',
      questions: ['Where does this rank among your projects this quarter?', 'What would move it up or down?'],
    },
  ],
};

export const FRAMEWORK_DEFINITIONS: Readonly<Record<Framework, FrameworkDefinition>> = {
  bant: BANT,
  meddic: MEDDIC,
  champ: CHAMP,
};

/** The criterion keys of a framework, in display order. */
export function criterionKeys(framework: Framework): string[] {
  return FRAMEWORK_DEFINITIONS[framework].criteria.map((c) => c.key);
}
