/** A set of HTTP statuses written as numbers and ranges: `[200, "300-399"]`. */
export type StatusSpec = readonly (number | string)[];

export type StatusSet = (status: number) => boolean;

const RANGE = /^(\d{3})\s*-\s*(\d{3})$/;

/** Parses a status spec; throws a message naming the bad item, for the config validator to report. */
export function parseStatusSpec(spec: StatusSpec): StatusSet {
  const ranges: [number, number][] = [];
  for (const item of spec) {
    if (typeof item === 'number' && Number.isInteger(item) && item >= 100 && item <= 999) {
      ranges.push([item, item]);
      continue;
    }
    const match = typeof item === 'string' ? RANGE.exec(item.trim()) : null;
    if (match) {
      const low = Number(match[1]);
      const high = Number(match[2]);
      if (low <= high) {
        ranges.push([low, high]);
        continue;
      }
    } else if (typeof item === 'string' && /^\d{3}$/.test(item.trim())) {
      ranges.push([Number(item), Number(item)]);
      continue;
    }
    throw new Error(`${JSON.stringify(item)} is not a status or a range like "200-299"`);
  }
  // A plain loop: this runs for every response, and a callback per call is an allocation per response.
  return (status) => {
    for (const range of ranges) if (status >= range[0] && status <= range[1]) return true;
    return false;
  };
}
