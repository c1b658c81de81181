// Charts as inline SVG written by the build, no script in the reader's browser: d3-scale maps the
// counts to the drawing and d3-shape draws the line, both without a DOM. Each chart names itself
// (`<title>`, `<desc>`, `role="img"`), takes the site's colours from its stylesheet (the classes
// below, `currentColor`), in light and dark alike, and scales to the width it is given; the
// numbers are beside each chart as text for every reader.
import { scaleBand, scaleLinear } from "d3-scale";
import { line } from "d3-shape";
import { escapeAttribute } from "../content/images.js";


/** Numbers in the drawing, to a tenth: the same bytes on every machine. */
const at = (value: number) => String(Math.round(value * 10) / 10);

const SPARK_WIDTH = 160;
const SPARK_HEIGHT = 36;
/** Room to the right of the line for the latest value. */
const SPARK_LABEL = 28;

/**
 * A word's mentions week by week as a line, all sparklines on the same scale (`max`), the latest
 * value marked and labelled. `id` makes the chart's title and description ids unique in the page.
 */
export function sparkline(counts: readonly number[], max: number, id: string, title: string, description: string): string {
  const x = scaleLinear().domain([0, Math.max(1, counts.length - 1)]).range([2, SPARK_WIDTH - SPARK_LABEL]);
  const y = scaleLinear().domain([0, Math.max(1, max)]).range([SPARK_HEIGHT - 3, 3]);
  const path = line<number>()
    .x((_, i) => x(i))
    .y((count) => y(count))
    .digits(1)(counts as number[]) ?? "";
  const last = counts.length - 1;
  const latest = counts[last] ?? 0;
  return (
    `<svg class="chart sparkline" viewBox="0 0 ${SPARK_WIDTH} ${SPARK_HEIGHT}" width="${SPARK_WIDTH}" height="${SPARK_HEIGHT}" role="img" aria-labelledby="${id}-title ${id}-desc">` +
    `<title id="${id}-title">${escapeAttribute(title)}</title><desc id="${id}-desc">${escapeAttribute(description)}</desc>` +
    `<line class="chart-axis" x1="2" x2="${at(SPARK_WIDTH - SPARK_LABEL)}" y1="${at(y(0))}" y2="${at(y(0))}"/>` +
    `<path class="chart-line" d="${path}"/>` +
    `<circle class="chart-dot" cx="${at(x(last))}" cy="${at(y(latest))}" r="2.5"/>` +
    `<text class="chart-label" x="${at(SPARK_WIDTH - SPARK_LABEL + 5)}" y="${at(Math.min(SPARK_HEIGHT - 4, Math.max(12, y(latest) + 4)))}">${latest}</text>` +
    `</svg>`
  );
}

const BAR_WIDTH = 360;
const BAR_HEIGHT = 160;
const BAR_TOP = 18;
const BAR_BOTTOM = 22;

/** Bars with their value above and their label below: the reports of each month of a year. */
export function barChart(bars: ReadonlyArray<{ label: string; value: number }>, id: string, title: string, description: string): string {
  const x = scaleBand<number>().domain(bars.map((_, i) => i)).range([4, BAR_WIDTH - 4]).paddingInner(0.25).paddingOuter(0.1);
  const max = Math.max(1, ...bars.map((bar) => bar.value));
  const y = scaleLinear().domain([0, max]).range([BAR_HEIGHT - BAR_BOTTOM, BAR_TOP]);
  const width = x.bandwidth();
  const parts = bars.map(({ label, value }, i) => {
    const left = x(i) ?? 0;
    const middle = at(left + width / 2);
    const top = y(value);
    return (
      `<rect class="chart-bar" x="${at(left)}" y="${at(top)}" width="${at(width)}" height="${at(y(0) - top)}"/>` +
      `<text class="chart-value" x="${middle}" y="${at(top - 4)}" text-anchor="middle">${value}</text>` +
      `<text class="chart-label" x="${middle}" y="${BAR_HEIGHT - 6}" text-anchor="middle">${escapeAttribute(label)}</text>`
    );
  });
  return (
    `<svg class="chart bars" viewBox="0 0 ${BAR_WIDTH} ${BAR_HEIGHT}" role="img" aria-labelledby="${id}-title ${id}-desc">` +
    `<title id="${id}-title">${escapeAttribute(title)}</title><desc id="${id}-desc">${escapeAttribute(description)}</desc>` +
    `<line class="chart-axis" x1="4" x2="${BAR_WIDTH - 4}" y1="${at(y(0))}" y2="${at(y(0))}"/>` +
    parts.join("") +
    `</svg>`
  );
}
