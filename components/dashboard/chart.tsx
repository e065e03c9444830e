import type { ReactNode } from 'react';

/**
 * Charts have a fixed size: recharts measures a responsive container with ResizeObserver,
 * which draws nothing until laid out (and nothing at all in jsdom). A section is wide
 * enough for them; below that the chart scrolls sideways rather than squeezing its labels.
 */
export const CHART_SIZE = { width: 520, height: 260 } as const;

/**
 * Colours by CSS variable (dashboard.css sets them for light and dark). Recharts writes
 * them as SVG presentation attributes, where `var()` resolves like in a style.
 */
export const CHART_COLORS = {
  main: 'var(--chart-main)',
  alt: 'var(--chart-alt)',
  ok: 'var(--chart-ok)',
  warn: 'var(--chart-warn)',
  bad: 'var(--chart-bad)',
  neutral: 'var(--chart-neutral)',
  band: 'var(--chart-band)',
  grid: 'var(--border)',
  axis: 'var(--muted)',
} as const;

/** Axis ticks and lines in the page's muted colour instead of recharts' fixed grey. */
export const AXIS_PROPS = {
  stroke: CHART_COLORS.axis,
  tick: { fill: CHART_COLORS.axis, fontSize: 12 },
} as const;

/** Characters of a category label that fit a vertical chart's axis. */
const AXIS_LABEL_CHARS = 28;

/** A long label cut for an axis; the table beside the chart has it whole (and renamed reasons can be 80 characters). */
export function shortLabel(label: string): string {
  return label.length > AXIS_LABEL_CHARS ? `${label.slice(0, AXIS_LABEL_CHARS - 1).trimEnd()}…` : label;
}

/** The tooltip in the page's colours (recharts draws it white on any background). */
export const TOOLTIP_PROPS = {
  contentStyle: { background: 'var(--bg)', borderColor: 'var(--border)', color: 'var(--fg)' },
  cursor: { fill: 'var(--surface)' },
  isAnimationActive: false,
} as const;

/**
 * A chart with its caption. The SVG is an image named by its `title` (the chart's own
 * keyboard layer is off: the table beside it is the accessible view, and where each figure
 * can be opened). Bars can still be clicked to list their leads.
 */
export function ChartFrame({ caption, children }: { caption: string; children: ReactNode }) {
  return (
    <figure className="dash-chart">
      {children}
      <figcaption className="muted small">{caption}</figcaption>
    </figure>
  );
}

/** Props every chart of the page shares. */
export function chartProps(title: string) {
  return {
    ...CHART_SIZE,
    title,
    role: 'img',
    accessibilityLayer: false,
    margin: { top: 8, right: 16, bottom: 8, left: 8 },
  } as const;
}

/** One section of the page: a named region with its heading and a line saying how to read it. */
export function DashSection({
  id,
  title,
  lede,
  children,
}: {
  id: string;
  title: string;
  lede: ReactNode;
  children: ReactNode;
}) {
  return (
    <section className="dash-section" aria-labelledby={`${id}-title`} id={id}>
      <h2 id={`${id}-title`}>{title}</h2>
      <p className="dash-lede">{lede}</p>
      {children}
    </section>
  );
}
