/**
 * A dependency-free SVG bar chart: horizontal bars in labelled groups, one or
 * more panels stacked vertically, a legend and a linear axis per panel. Linear,
 * not logarithmic, so a bar twice as long really is twice as slow.
 */

/** A data series: one bar per group at most, in one colour. */
export interface ChartSeries {
  name: string;
  color: string;
}

/** A labelled group of bars (e.g. one framework). Missing series leave no gap. */
export interface ChartGroup {
  label: string;
  bars: Array<{ series: string; value: number }>;
}

/** One panel: a title, its groups, and its own axis. */
export interface ChartPanel {
  title: string;
  groups: ChartGroup[];
}

/** The whole chart. */
export interface BarChart {
  title: string;
  subtitle: string;
  /** Unit printed after values and on the axis, e.g. `µs`. */
  unit: string;
  series: ChartSeries[];
  panels: ChartPanel[];
}

const WIDTH = 960;
const LEFT = 150;
const RIGHT = 80;
const BAR = 12;
const BAR_GAP = 3;
const GROUP_GAP = 14;
const PANEL_TITLE = 30;
const AXIS = 28;
const PANEL_GAP = 26;
const FONT = 'font-family="system-ui, -apple-system, Segoe UI, Helvetica, Arial, sans-serif"';

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** A round axis step giving about five ticks up to `max`. */
function niceStep(max: number): number {
  const rough = max / 5;
  const magnitude = 10 ** Math.floor(Math.log10(rough));
  const normalized = rough / magnitude;
  const nice = normalized <= 1 ? 1 : normalized <= 2 ? 2 : normalized <= 5 ? 5 : 10;
  return nice * magnitude;
}

/** Axis ticks are round numbers: no decimals unless the step has them. */
function formatTick(value: number, step: number): string {
  return Number.isInteger(step) ? String(value) : value.toFixed(Math.max(0, -Math.floor(Math.log10(step))));
}

function formatValue(value: number): string {
  return value >= 100 ? value.toFixed(0) : value >= 10 ? value.toFixed(1) : value.toFixed(2);
}

function panelHeight(panel: ChartPanel): number {
  const bars = panel.groups.reduce((sum, group) => sum + group.bars.length, 0);
  return PANEL_TITLE + bars * (BAR + BAR_GAP) + panel.groups.length * GROUP_GAP + AXIS;
}

function renderPanel(panel: ChartPanel, top: number, chart: BarChart, out: string[]): number {
  const colors = new Map(chart.series.map((series) => [series.name, series.color]));
  const max = Math.max(...panel.groups.flatMap((group) => group.bars.map((bar) => bar.value)));
  const step = niceStep(max);
  const axisMax = Math.ceil(max / step) * step;
  const plotWidth = WIDTH - LEFT - RIGHT;
  const scale = (value: number) => (value / axisMax) * plotWidth;
  const height = panelHeight(panel);
  const plotTop = top + PANEL_TITLE;
  const plotBottom = top + height - AXIS;

  out.push(
    `<text x="${LEFT}" y="${top + 18}" font-size="14" font-weight="600">${escapeXml(panel.title)}</text>`,
  );
  for (let tick = 0; tick <= axisMax + step / 2; tick += step) {
    const x = LEFT + scale(tick);
    out.push(`<line x1="${x}" y1="${plotTop}" x2="${x}" y2="${plotBottom}" stroke="#e3e3e3"/>`);
    out.push(
      `<text x="${x}" y="${plotBottom + 16}" font-size="11" fill="#555" text-anchor="middle">${formatTick(tick, step)}</text>`,
    );
  }

  let y = plotTop + GROUP_GAP / 2;
  for (const group of panel.groups) {
    const groupHeight = group.bars.length * (BAR + BAR_GAP) - BAR_GAP;
    out.push(
      `<text x="${LEFT - 10}" y="${y + groupHeight / 2 + 4}" font-size="12" text-anchor="end">${escapeXml(group.label)}</text>`,
    );
    for (const bar of group.bars) {
      const width = Math.max(1, scale(bar.value));
      const color = colors.get(bar.series) ?? '#999';
      out.push(
        `<rect x="${LEFT}" y="${y}" width="${width.toFixed(1)}" height="${BAR}" fill="${color}"><title>${escapeXml(
          `${group.label} · ${bar.series}: ${formatValue(bar.value)} ${chart.unit}`,
        )}</title></rect>`,
      );
      out.push(
        `<text x="${(LEFT + width + 4).toFixed(1)}" y="${y + BAR - 2}" font-size="10" fill="#333">${formatValue(bar.value)}</text>`,
      );
      y += BAR + BAR_GAP;
    }
    y += GROUP_GAP - BAR_GAP;
  }
  out.push(`<line x1="${LEFT}" y1="${plotTop}" x2="${LEFT}" y2="${plotBottom}" stroke="#888"/>`);
  return height;
}

/** Renders the chart as a standalone SVG document. */
export function renderBarChart(chart: BarChart): string {
  const legendTop = 56;
  const legendRows = Math.ceil(chart.series.length / 3);
  const panelsTop = legendTop + legendRows * 20 + 12;
  const body: string[] = [];
  let top = panelsTop;
  for (const panel of chart.panels) top += renderPanel(panel, top, chart, body) + PANEL_GAP;
  const height = top;

  const legend = chart.series.map((series, index) => {
    const x = LEFT + (index % 3) * 250;
    const y = legendTop + Math.floor(index / 3) * 20;
    return (
      `<rect x="${x}" y="${y}" width="12" height="12" fill="${series.color}"/>` +
      `<text x="${x + 18}" y="${y + 10}" font-size="12">${escapeXml(series.name)}</text>`
    );
  });

  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${height}" viewBox="0 0 ${WIDTH} ${height}" ${FONT}>`,
    // The accessible name screen readers announce (and Biome's a11y lint asks for).
    `<title>${escapeXml(`${chart.title}. ${chart.subtitle}`)}</title>`,
    `<rect width="100%" height="100%" fill="#fff"/>`,
    `<text x="${LEFT}" y="24" font-size="17" font-weight="700">${escapeXml(chart.title)}</text>`,
    `<text x="${LEFT}" y="43" font-size="12" fill="#555">${escapeXml(chart.subtitle)}</text>`,
    ...legend,
    ...body,
    '</svg>',
    '',
  ].join('\n');
}
