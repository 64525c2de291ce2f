'use client';
/**
 * Date.now(), updated every `seconds` (for "last poll 8 min ago"), and read again whenever `about`
 * changes: an answer that arrives between two ticks is aged against the clock of its arrival,
 * not the previous tick's.
 */
import { useEffect, useState } from 'react';

export function useNow(seconds: number, about?: unknown): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    setNow(Date.now());
    const timer = window.setInterval(() => setNow(Date.now()), seconds * 1000);
    return () => window.clearInterval(timer);
  }, [seconds, about]);
  return now;
}
