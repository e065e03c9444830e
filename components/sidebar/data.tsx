import { QueryClient, QueryClientProvider, type QueryKey, useQuery } from '@tanstack/react-query';
import { createContext, type ReactNode, useContext, useEffect, useState } from 'react';
import type { SidebarData } from '../../lib/sidebar/data';

const DataContext = createContext<SidebarData | null>(null);

/** A query client for one sidebar: no retries (the background is local; the rep has Retry). */
export function createSidebarQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: { queries: { retry: false, staleTime: Number.POSITIVE_INFINITY, throwOnError: true } },
  });
}

export interface SidebarDataProviderProps {
  data: SidebarData;
  client: QueryClient;
  children: ReactNode;
}

/**
 * Gives the sidebar its data port, and keeps what it shows live: whenever stored data
 * changes (here, in another tab, by an import or a sync), every shown query is re-read.
 */
export function SidebarDataProvider({ data, client, children }: SidebarDataProviderProps) {
  useEffect(() => data.onChange(() => void client.invalidateQueries()), [data, client]);
  return (
    <QueryClientProvider client={client}>
      <DataContext.Provider value={data}>{children}</DataContext.Provider>
    </QueryClientProvider>
  );
}

export function useSidebarData(): SidebarData {
  const data = useContext(DataContext);
  if (!data) throw new Error('useSidebarData outside SidebarDataProvider');
  return data;
}

/**
 * Stored data, read live: `undefined` while the first read for this key runs (never an
 * earlier key's result), then the latest. A failed read throws to the error boundary.
 */
export function useLive<T>(key: QueryKey, read: (data: SidebarData) => Promise<T>): T | undefined {
  const data = useSidebarData();
  return useQuery({ queryKey: key, queryFn: () => read(data) }).data;
}

/** A fresh client for a component's lifetime (tests render one sidebar per client). */
export function useSidebarQueryClient(): QueryClient {
  const [client] = useState(createSidebarQueryClient);
  return client;
}
