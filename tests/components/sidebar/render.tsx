import { render } from '@testing-library/react';
import type { ReactNode } from 'react';
import { FormatProvider } from '../../../components/sidebar/format';
import { Sidebar, type SidebarProps } from '../../../components/sidebar/Sidebar';
import type { PageIdentity } from '../../../lib/sites/types';
import { NOW } from '../../support/factories';

/** Dates in the tests read in one locale and zone, whatever the machine's. */
export const FORMAT = { locale: 'en-GB', timeZone: 'UTC' } as const;

/** The sidebar with a pinned clock and format; `rerender` takes new props the same way. */
export function renderSidebar(props: Omit<SidebarProps, 'now'> & { now?: () => number }) {
  const full = (p: typeof props) => <Sidebar now={() => NOW} {...FORMAT} {...p} />;
  const result = render(full(props));
  return { ...result, rerenderSidebar: (next: typeof props) => result.rerender(full(next)) };
}

/** A single component in the sidebar's format context. */
export function renderWithFormat(ui: ReactNode) {
  return render(<FormatProvider {...FORMAT}>{ui}</FormatProvider>);
}

/** What a LinkedIn profile page yields, with overrides. */
export function linkedinIdentity(overrides: Partial<PageIdentity> = {}): PageIdentity {
  return {
    site: 'linkedin',
    page: 'linkedin_profile',
    name: 'Jane Doe',
    emails: [],
    linkedinUrl: 'https://www.linkedin.com/in/jane-doe/',
    title: 'VP of Revenue Operations',
    company: 'Acme',
    location: 'Berlin, Germany',
    ...overrides,
  };
}
