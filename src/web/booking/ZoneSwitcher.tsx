import { useId, useState } from 'react';
import { Button } from 'react-aria-components';
import { zoneWithOffset } from '../lib/format.ts';
import { TimeZoneField } from '../ui/TimeZoneField.tsx';

/** Names the zone the times are shown in ("Times in Europe/Berlin (UTC+1)") and lets the candidate show them in
 * another zone for this view only; the profile keeps its zone. */
export function ZoneSwitcher({ timeZone, at, onChange }: { timeZone: string; at: Date; onChange: (zone: string) => void }) {
  const [open, setOpen] = useState(false);
  const panelId = useId();
  return (
    <div className="zone-switcher">
      <p className="zone-name">
        Times in <strong>{zoneWithOffset(timeZone, at)}</strong>
        <Button className="link-button zone-toggle" aria-expanded={open} aria-controls={open ? panelId : undefined} onPress={() => setOpen(!open)}>
          {open ? 'Done' : 'Change time zone'}
        </Button>
      </p>
      {open ? (
        <div id={panelId} className="zone-panel">
          <TimeZoneField
            label="Show times in"
            description="Only for this page; your profile keeps its time zone. Type a city or region to search."
            value={timeZone}
            onChange={onChange}
          />
        </div>
      ) : null}
    </div>
  );
}
