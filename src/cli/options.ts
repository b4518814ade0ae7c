import { InvalidArgumentError } from 'commander';
import { isIsoDate } from '../pipeline/export.js';

/**
 * Parsers for numeric and date options, shared by every command: a value that is not what the
 * option expects is a usage error (commander prints it with the option's name; exit 2), never
 * silently NaN, negative or ignored.
 */

/** A whole number of at least `min` (and at most `max`): `--limit 20`, `--max-bytes 1048576`. */
export function integerOption(min: number, max = Number.MAX_SAFE_INTEGER): (value: string) => number {
  return (value) => {
    const text = value.trim();
    if (!/^[+-]?\d+$/.test(text)) throw new InvalidArgumentError(`expected a whole number, got "${value}"`);
    const n = Number(text);
    if (n < min || n > max) throw new InvalidArgumentError(`expected a whole number ${rangeText(min, max)}, got ${value}`);
    return n;
  };
}

/** A decimal number in `[min, max]`: `--min-score 0.5`. */
export function numberOption(min: number, max: number): (value: string) => number {
  return (value) => {
    const text = value.trim();
    if (!/^[+-]?(\d+\.?\d*|\.\d+)$/.test(text)) throw new InvalidArgumentError(`expected a number, got "${value}"`);
    const n = Number(text);
    if (n < min || n > max) throw new InvalidArgumentError(`expected a number from ${min} to ${max}, got ${value}`);
    return n;
  };
}

/** A calendar date, YYYY-MM-DD: `--from 2022-01-01`. */
export function dateOption(value: string): string {
  const text = value.trim();
  if (!isIsoDate(text)) throw new InvalidArgumentError(`expected a date as YYYY-MM-DD, got "${value}"`);
  return text;
}

function rangeText(min: number, max: number): string {
  if (max === Number.MAX_SAFE_INTEGER) return min === 0 ? '(0 or more)' : `of at least ${min}`;
  return `from ${min} to ${max}`;
}
