import type { City } from './seed-cities.ts';

/** Temperature units getWeather accepts: metric → °C, imperial → °F. */
export type Units = 'metric' | 'imperial';

/** The getWeather answer. */
export interface Weather {
  city_id: number;
  city: string;
  temperature: number;
  units: Units;
  conditions: string;
  wind_kph: number;
  humidity: number;
}

const CONDITIONS = ['clear', 'partly cloudy', 'cloudy', 'light rain', 'rain', 'thunderstorm', 'fog', 'windy'];

/** FNV-1a, 32 bits: the seed of a city's weather. */
function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash;
}

/** A small seeded generator (mulberry32) of floats in [0, 1). */
function generator(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Weather from a seeded hash of the city id: the same city always has the same weather, and its
 * metric and imperial answers agree (only the temperature changes units; wind is always km/h).
 */
export function weatherFor(city: City, units: Units): Weather {
  const next = generator(fnv1a(`weather:${city.id}`));
  const celsius = Math.round((next() * 45 - 8) * 10) / 10;
  const pick = Math.floor(next() * CONDITIONS.length);
  const conditions = celsius <= 1 && pick >= 3 ? 'snow' : (CONDITIONS[pick] ?? 'clear');
  const windKph = Math.round(next() * 45);
  const humidity = 25 + Math.round(next() * 70);
  return {
    city_id: city.id,
    city: city.name,
    temperature: units === 'metric' ? celsius : Math.round((celsius * 1.8 + 32) * 10) / 10,
    units,
    conditions,
    wind_kph: windKph,
    humidity,
  };
}
