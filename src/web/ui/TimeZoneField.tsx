import { useMemo, useState, type ReactNode } from 'react';
import { Button, ComboBox, FieldError, Input, Label, ListBox, ListBoxItem, Popover, Text, type Key } from 'react-aria-components';
import { isValidTimeZone } from '../../core/accounts/time-zone.ts';
import { timeZoneLabel } from '../lib/format.ts';

/** The time zone this browser reports, if it is one the server accepts. */
export function detectedTimeZone(): string {
  try {
    const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    if (zone && isValidTimeZone(zone)) return zone;
  } catch {
    // Older browsers without time zone support fall through to UTC.
  }
  return 'UTC';
}

/** Every IANA zone the browser knows, plus `extra` (a stored zone the list may spell differently). */
function zoneOptions(extra: string): { id: string; label: string }[] {
  const zones = new Set<string>(typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : []);
  zones.add('UTC');
  if (extra) zones.add(extra);
  return [...zones].sort().map((zone) => ({ id: zone, label: timeZoneLabel(zone) }));
}

/** Lower-cases and drops spaces, slashes and underscores, so "new york", "New_York" and "NewYork" all match. */
function squash(text: string): string {
  return text.toLowerCase().replace(/[\s/_-]+/g, '');
}

/** A searchable combobox of time zones with the current local time in the chosen zone as help text. */
export function TimeZoneField({
  value,
  onChange,
  label = 'Time zone',
  description,
}: {
  value: string;
  onChange: (zone: string) => void;
  label?: string;
  description?: ReactNode;
}) {
  // Read once: with `defaultItems` the combobox filters the list itself as the user types.
  const [options] = useState(() => zoneOptions(value));
  const now = useMemo(() => localTime(value), [value]);
  return (
    <ComboBox
      className="field"
      name="timeZone"
      isRequired
      defaultItems={options}
      value={value}
      onChange={(key: Key | null) => {
        if (key !== null) onChange(String(key));
      }}
      allowsEmptyCollection
      defaultFilter={(text, input) => squash(text).includes(squash(input))}
    >
      <Label className="field-label">{label}</Label>
      <Text slot="description" className="field-description">
        {description ?? 'We show every time in this zone. Type a city or region to search.'}
        {now ? ` Local time there now: ${now}.` : null}
      </Text>
      <div className="combobox-control">
        <Input className="field-input" />
        <Button className="combobox-button" aria-label="Show time zones">
          <span aria-hidden="true">▾</span>
        </Button>
      </div>
      <FieldError className="field-error" />
      <Popover className="popover">
        <ListBox className="listbox" renderEmptyState={() => <p className="listbox-empty">No time zone matches.</p>}>
          {(option: { id: string; label: string }) => (
            <ListBoxItem className="listbox-item" id={option.id} textValue={option.label}>
              {option.label}
            </ListBoxItem>
          )}
        </ListBox>
      </Popover>
    </ComboBox>
  );
}

function localTime(zone: string): string | null {
  try {
    return new Intl.DateTimeFormat('en-GB', { timeZone: zone, hour: '2-digit', minute: '2-digit' }).format(new Date());
  } catch {
    return null;
  }
}
