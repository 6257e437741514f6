import type { City } from './seed-cities.ts';

/** The getLocalTime answer. */
export interface LocalTime {
  city_id: number;
  city: string;
  timezone: string;
  /** ISO 8601 with the zone's offset, e.g. `2025-06-01T14:00:00+02:00`. */
  local_time: string;
}

/** The default clock: a fixed instant, so every answer of a demo server is deterministic. */
export const DEFAULT_NOW = '2025-06-01T12:00:00Z';

/** The wall-clock time in a city at `instant`, written as ISO 8601 with its UTC offset. */
export function localTimeFor(city: City, instant: Date): LocalTime {
  const format = new Intl.DateTimeFormat('en-US', {
    timeZone: city.timezone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
    timeZoneName: 'longOffset',
  });
  const parts: Record<string, string> = {};
  for (const part of format.formatToParts(instant)) parts[part.type] = part.value;
  // longOffset writes "GMT+05:30", or just "GMT" at UTC.
  const offset = (parts.timeZoneName ?? 'GMT').replace('GMT', '') || '+00:00';
  const date = `${parts.year}-${parts.month}-${parts.day}`;
  const time = `${parts.hour}:${parts.minute}:${parts.second}`;
  return { city_id: city.id, city: city.name, timezone: city.timezone, local_time: `${date}T${time}${offset}` };
}
