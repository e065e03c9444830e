import { createContext, useContext } from 'react';

/**
 * Leads the rep has just said the page is not. Anything still waiting to be written for one
 * of them (a checklist edit inside its autosave pause) is dropped instead of saved, so no
 * edit lands on the wrong lead after the rep said so. A mutable set read at write time: the
 * rep's click adds to it before the lead's view unmounts and flushes.
 */
export interface DiscardedLeads {
  has(leadId: string): boolean;
}

export const DiscardedLeadsContext = createContext<DiscardedLeads>({ has: () => false });

export function useDiscardedLeads(): DiscardedLeads {
  return useContext(DiscardedLeadsContext);
}
