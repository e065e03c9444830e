import { round } from './stats';

/** A budget: the figure must stay at or under `max`, or at or over `min`. */
export type Budget = { max: number } | { min: number };

/** One measured figure: the value is the median of `runs` unless its note says otherwise. */
export interface Figure {
  /** Stable key in results.json: `<group>.<what>`. */
  id: string;
  label: string;
  unit: string;
  /** `null` when it could not be measured (see `note`). */
  value: number | null;
  /** The value of every run (round, pair of loads, batch) the median is taken over. */
  runs: number[];
  budget?: Budget;
  /** Numbers behind the value: p50 beside p95, each side of a ratio, totals. */
  detail?: Record<string, number | string>;
  /** How it was measured, when the table's label is not enough; why a value is missing. */
  note?: string;
}

/** Whether the figure holds its budget: `null` without a budget or a value. */
export function holds(figure: Figure): boolean | null {
  if (!figure.budget || figure.value === null) return null;
  return 'max' in figure.budget ? figure.value <= figure.budget.max : figure.value >= figure.budget.min;
}

function formatNumber(value: number): string {
  if (Math.abs(value) >= 10_000) return Math.round(value).toLocaleString('en');
  if (Math.abs(value) >= 100) return value.toFixed(0);
  if (Math.abs(value) >= 10) return value.toFixed(1);
  return value.toFixed(2);
}

const withUnit = (value: number, unit: string) =>
  unit === 'ratio' ? `${value.toFixed(3)}` : `${formatNumber(value)} ${unit}`;

function formatBudget(figure: Figure): string {
  if (!figure.budget) return '-';
  return 'max' in figure.budget
    ? `<= ${withUnit(figure.budget.max, figure.unit)}`
    : `>= ${withUnit(figure.budget.min, figure.unit)}`;
}

/** The table `npm run bench` prints: figure, value, budget, whether it holds. */
export function formatTable(figures: readonly Figure[]): string {
  const rows = figures.map((f) => {
    const verdict = holds(f);
    return [
      f.label,
      f.value === null ? 'n/a' : withUnit(f.value, f.unit),
      formatBudget(f),
      verdict === null ? '' : verdict ? 'yes' : 'NO',
    ];
  });
  const header = ['figure', 'value', 'budget', 'holds'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) =>
    cells
      .map((cell, i) => (i === 1 ? cell.padStart(widths[i] ?? 0) : cell.padEnd(widths[i] ?? 0)))
      .join('  ')
      .trimEnd();
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

/** A figure as stored in results.json: rounded, with its verdict. */
export function toJson(figure: Figure): Record<string, unknown> {
  const detail = figure.detail
    ? Object.fromEntries(Object.entries(figure.detail).map(([k, v]) => [k, typeof v === 'number' ? round(v) : v]))
    : undefined;
  return {
    label: figure.label,
    unit: figure.unit,
    value: figure.value === null ? null : round(figure.value),
    budget: figure.budget ?? null,
    holds: holds(figure),
    runs: figure.runs.map(round),
    ...(detail ? { detail } : {}),
    ...(figure.note ? { note: figure.note } : {}),
  };
}

/** JSON with every object's keys sorted, two-space indented: the same figures give the same file. */
export function stableJson(value: unknown): string {
  const sort = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(sort);
    if (v && typeof v === 'object') {
      return Object.fromEntries(
        Object.keys(v)
          .sort()
          .map((k) => [k, sort((v as Record<string, unknown>)[k])]),
      );
    }
    return v;
  };
  return `${JSON.stringify(sort(value), null, 2)}\n`;
}
