const bands = [
  { band: 'past', label: 'Past: the hour has begun, so it can no longer be booked' },
  { band: 'none', label: 'No cover: no proctor on duty, so no exam can be booked' },
  { band: 'free', label: 'Covered, nothing booked yet (0% used)' },
  { band: 'low', label: '1–49% used' },
  { band: 'mid', label: '50–79% used' },
  { band: 'high', label: '80–99% used' },
  { band: 'full', label: 'Full (100% used)' },
] as const;

/** What the heat map's cells say and what their shades mean. */
export function CapacityLegend() {
  return (
    <section className="heat-legend" aria-labelledby="heat-legend-heading">
      <h2 id="heat-legend-heading">How to read the map</h2>
      <p>
        Each cell is one hour. The top number is the proctors on duty for the whole hour; below it, the share of their
        seats already booked or held. The shade repeats the share:
      </p>
      <ul className="heat-legend-list">
        {bands.map(({ band, label }) => (
          <li key={band}>
            <span className={`heat-swatch heat-${band}`} aria-hidden="true">{band === 'none' ? 'no' : band === 'past' ? 'past' : ''}</span>
            {label}
          </li>
        ))}
      </ul>
    </section>
  );
}
