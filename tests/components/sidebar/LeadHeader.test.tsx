import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { LeadHeader } from '../../../components/sidebar/LeadHeader';
import { makeLead } from '../../support/factories';
import { renderWithFormat } from './render';

describe('the lead header', () => {
  it('says the company in one line under the role: size, industry and country', () => {
    const lead = makeLead({
      person: { name: 'Dana Whitfield', title: 'VP of Revenue Operations' },
      company: { name: 'Northwind Analytics', employees: 220, industry: 'Software', country: 'US' },
    });
    renderWithFormat(<LeadHeader lead={lead} />);
    expect(screen.getByText('VP of Revenue Operations at Northwind Analytics')).toBeTruthy();
    expect(screen.getByTestId('company-facts').textContent).toBe('220 employees · Software · United States');
  });

  it('leaves out what is not known, and the line altogether when nothing is', () => {
    const { unmount } = renderWithFormat(
      <LeadHeader lead={makeLead({ company: { name: 'Tierra Verde Logistics', country: 'MX' } })} />,
    );
    expect(screen.getByTestId('company-facts').textContent).toBe('Mexico');
    unmount();
    renderWithFormat(<LeadHeader lead={makeLead({ company: { name: 'Acme' } })} />);
    expect(screen.queryByTestId('company-facts')).toBeNull();
    expect(document.body.textContent).not.toMatch(/undefined|NaN/);
  });
});
