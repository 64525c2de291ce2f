'use client';
/** Date.now(), updated every `seconds` (for "last poll 8 min ago"). */
import { useEffect, useState } from 'react';

export function useNow(seconds: number): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = window.setInterval(() => setNow(Date.now()), seconds * 1000);
    return () => window.clearInterval(timer);
  }, [seconds]);
  return now;
}
