import { render } from '@testing-library/react';
import type { ReactNode } from 'react';
import { createSidebarQueryClient, SidebarDataProvider } from '../../../components/sidebar/data';
import { FormatProvider } from '../../../components/sidebar/format';
import { Sidebar, type SidebarProps } from '../../../components/sidebar/Sidebar';
import type { Repositories } from '../../../lib/db';
import { localSidebarData, type SidebarData } from '../../../lib/sidebar/data';
import type { PageIdentity } from '../../../lib/sites/types';
import { NOW } from '../../support/factories';

/** Dates in the tests read in one locale and zone, whatever the machine's. */
export const FORMAT = { locale: 'en-GB', timeZone: 'UTC' } as const;

const ports = new WeakMap<Repositories, SidebarData>();

/** The sidebar's data straight on the repositories (the background's own implementation), one per database. */
export function dataOf(repos: Repositories): SidebarData {
  let data = ports.get(repos);
  if (!data) {
    data = localSidebarData(repos);
    ports.set(repos, data);
  }
  return data;
}

type RenderProps = Omit<SidebarProps, 'now' | 'data'> & { now?: () => number; repos: Repositories };

/** The sidebar on fake-indexeddb with a pinned clock and format; `rerender` takes new props the same way. */
export function renderSidebar(props: RenderProps) {
  const full = ({ repos, ...p }: RenderProps) => <Sidebar now={() => NOW} {...FORMAT} data={dataOf(repos)} {...p} />;
  const result = render(full(props));
  return { ...result, rerenderSidebar: (next: typeof props) => result.rerender(full(next)) };
}

/** A single component in the sidebar's format and data context. */
export function renderWithFormat(ui: ReactNode, repos?: Repositories) {
  const format = <FormatProvider {...FORMAT}>{ui}</FormatProvider>;
  if (!repos) return render(format);
  return render(
    <SidebarDataProvider data={dataOf(repos)} client={createSidebarQueryClient()}>
      {format}
    </SidebarDataProvider>,
  );
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
