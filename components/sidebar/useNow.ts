import { useEffect, useState } from 'react';

/**
 * The current time from `now`, re-read every `everyMs` so a running SLA clock counts down
 * while the sidebar stays open. The clock is a prop, not `Date.now`, so tests pin it.
 */
export function useNow(now: () => number, everyMs = 30_000): number {
  const [value, setValue] = useState(now);
  useEffect(() => {
    setValue(now());
    const timer = setInterval(() => setValue(now()), everyMs);
    return () => clearInterval(timer);
  }, [now, everyMs]);
  return value;
}
