import type { z } from 'zod';
import type { CapacityCell, CapacityResponse } from '../../contracts/scheduling.ts';
import { timeZoneLabel } from '../lib/format.ts';
import { dayLabel, localHourOf, rangeLabel } from './zoned.ts';

type Capacity = z.infer<typeof CapacityResponse>;
type Cell = z.infer<typeof CapacityCell>;

const hours = Array.from({ length: 24 }, (_, h) => h);

/** The band a cell's colour comes from; the legend lists the same bands, and every cell also says its numbers. */
export function capacityBand(cell: Pick<Cell, 'proctors' | 'usedPercent' | 'startsAt'>, now: number): 'past' | 'none' | 'free' | 'low' | 'mid' | 'high' | 'full' {
  // Capacity is only kept from now on, so an hour that has begun reads as uncovered: say "past" instead.
  if (Date.parse(cell.startsAt) < now) return 'past';
  if (cell.proctors === 0) return 'none';
  if (cell.usedPercent === 0) return 'free';
  if (cell.usedPercent < 50) return 'low';
  if (cell.usedPercent < 80) return 'mid';
  if (cell.usedPercent < 100) return 'high';
  return 'full';
}

/** Days as rows and the 24 local hours as columns; each cell names the proctors on duty and the share booked. */
export function CapacityHeatMap({ capacity }: { capacity: Capacity }) {
  const zone = capacity.timeZone;
  const first = capacity.days[0]?.date;
  const last = capacity.days.at(-1)?.date;
  // The browser's clock only decides which hours to grey out as past; the numbers are the server's.
  const now = Date.now();
  const caption = `Proctors on duty and capacity used by hour${first && last ? `, ${rangeLabel(first, last)}` : ''}, in ${timeZoneLabel(zone)}`;
  return (
    <div className="table-scroll heat-map-scroll" role="region" aria-labelledby="heat-map-caption" tabIndex={0}>
      <table className="heat-map">
        <caption id="heat-map-caption">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Day</th>
            {hours.map((h) => (
              <th scope="col" key={h} className="heat-hour">
                {String(h).padStart(2, '0')}<span className="visually-hidden">:00</span>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {capacity.days.map((day) => {
            const byHour = cellsByHour(day.hours, zone);
            return (
              <tr key={day.date}>
                <th scope="row" className="heat-day">{dayLabel(day.date, { short: true })}</th>
                {hours.map((h) => {
                  const cell = byHour.get(h);
                  return cell ? <HeatCell key={h} cell={cell} now={now} /> : <td key={h} className="heat-cell heat-skip">–<span className="visually-hidden">No such hour (clock change)</span></td>;
                })}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

function HeatCell({ cell, now }: { cell: Cell; now: number }) {
  const band = capacityBand(cell, now);
  if (band === 'past') {
    return (
      <td className="heat-cell heat-past">
        <span aria-hidden="true">past</span>
        <span className="visually-hidden">Past hour</span>
      </td>
    );
  }
  if (band === 'none') {
    return (
      <td className="heat-cell heat-none">
        <span aria-hidden="true" className="heat-none-text">no cover</span>
        <span className="visually-hidden">No cover: no proctor on duty{cell.greeters > 0 ? `, ${plural(cell.greeters, 'greeter')}` : ''}</span>
      </td>
    );
  }
  const full = [
    plural(cell.proctors, 'proctor'),
    plural(cell.greeters, 'greeter'),
    `${cell.usedPercent}% used`,
    plural(cell.appointments, 'exam') + ' starting',
  ].join(', ');
  return (
    <td className={`heat-cell heat-${band}`} title={full}>
      <span aria-hidden="true">
        <span className="heat-proctors">{cell.proctors}</span>
        <span className="heat-used">{cell.usedPercent}%</span>
      </span>
      <span className="visually-hidden">{full}</span>
    </td>
  );
}

/** The hours of a day keyed by local hour. On the day the clocks go back an hour appears twice: the cell shows
 * the worse of the two (fewer proctors, more used), so the map never overstates cover. */
function cellsByHour(cells: Cell[], zone: string): Map<number, Cell> {
  const map = new Map<number, Cell>();
  for (const cell of cells) {
    const hour = localHourOf(cell.startsAt, zone);
    const seen = map.get(hour);
    map.set(hour, seen ? {
      ...seen,
      proctors: Math.min(seen.proctors, cell.proctors),
      greeters: Math.min(seen.greeters, cell.greeters),
      usedPercent: Math.max(seen.usedPercent, cell.usedPercent),
      appointments: seen.appointments + cell.appointments,
    } : cell);
  }
  return map;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
