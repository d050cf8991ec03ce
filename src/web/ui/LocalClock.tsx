import { useEffect, useState } from 'react';

/** The current time in a zone, updated every half minute (not announced by screen readers on each tick). */
export function LocalClock({ timeZone }: { timeZone: string }) {
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const timer = window.setInterval(() => setNow(new Date()), 30_000);
    return () => window.clearInterval(timer);
  }, []);
  let text: string;
  try {
    text = new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', timeZoneName: 'short' }).format(now);
  } catch {
    text = now.toISOString().slice(11, 16) + ' UTC';
  }
  return <time dateTime={now.toISOString()}>{text}</time>;
}
