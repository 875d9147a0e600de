// A bar chart in inline SVG: one bar per month on a 0–100 scale, no library.
//
// Each month is a `<g class="bulan" data-bulan="YYYY-MM">` holding either a `<rect class="batang">`
// (with `data-nilai`, the value drawn, and a `<title>` read on hover) or, for a month without
// data, a dash (`<text class="kosong">`). The SVG is `role="img"`, named by its `<title>` and
// described by its `<desc>` (every month's value); the page's table repeats the figures.

const SVG = "http://www.w3.org/2000/svg";
const WIDTH = 320;
const HEIGHT = 190;
const MARGIN = { top: 22, right: 6, bottom: 26, left: 46 };
const TICKS = [0, 25, 50, 75, 100];

function element(name, attributes = {}, text = null) {
  const node = document.createElementNS(SVG, name);
  for (const [key, value] of Object.entries(attributes)) node.setAttribute(key, String(value));
  if (text !== null) node.textContent = text;
  return node;
}

/**
 * The chart. `points`: `[{month, label, value, text}]` in order, `value` between 0 and 100
 * (null: no data), `text` the value as the table writes it, `short` the month's axis label;
 * `tick(n)` writes an axis label and the short value above a bar.
 */
export function barChart({ id, title, description, points, tick }) {
  const plotWidth = WIDTH - MARGIN.left - MARGIN.right;
  const plotHeight = HEIGHT - MARGIN.top - MARGIN.bottom;
  const y = (value) => MARGIN.top + plotHeight * (1 - value / 100);
  const svg = element("svg", {
    id,
    class: "grafik",
    viewBox: `0 0 ${WIDTH} ${HEIGHT}`,
    role: "img",
    "aria-labelledby": `${id}-judul ${id}-uraian`,
    "data-tinggi-plot": plotHeight,
  });
  svg.append(element("title", { id: `${id}-judul` }, title), element("desc", { id: `${id}-uraian` }, description));

  const axis = element("g", { class: "sumbu", "aria-hidden": "true" });
  for (const value of TICKS) {
    axis.append(
      element("line", { x1: MARGIN.left, x2: WIDTH - MARGIN.right, y1: y(value), y2: y(value), class: "garis-bantu" }),
      element("text", { x: MARGIN.left - 6, y: y(value) + 4, class: "label-y" }, tick(value)),
    );
  }
  svg.append(axis);

  const band = plotWidth / Math.max(points.length, 1);
  const barWidth = Math.max(2, Math.min(48, band * 0.6));
  // At most about 12 month labels: every k-th month when the period is long.
  const every = Math.ceil(points.length / 12);
  points.forEach((point, index) => {
    const centre = MARGIN.left + band * (index + 0.5);
    const group = element("g", { class: "bulan", "data-bulan": point.month });
    if (point.value === null || point.value === undefined) {
      group.append(element("text", { x: centre, y: y(0) - 6, class: "kosong" }, "–"));
      group.append(element("title", {}, `${point.label}: ${point.text}`));
    } else {
      const value = Math.max(0, Math.min(100, point.value));
      const bar = element("rect", {
        class: "batang",
        x: centre - barWidth / 2,
        y: y(value),
        width: barWidth,
        height: Math.max(y(0) - y(value), 0),
        "data-nilai": point.value,
      });
      bar.append(element("title", {}, `${point.label}: ${point.text}`));
      group.append(bar);
      if (points.length <= 12) {
        const label = { x: centre, y: y(value) - 5, class: "label-nilai", "aria-hidden": "true" };
        group.append(element("text", label, tick(point.value)));
      }
    }
    if (index % every === 0) {
      const label = { x: centre, y: HEIGHT - MARGIN.bottom + 18, class: "label-x", "aria-hidden": "true" };
      group.append(element("text", label, point.short));
    }
    svg.append(group);
  });
  svg.append(element("line", { x1: MARGIN.left, x2: WIDTH - MARGIN.right, y1: y(0), y2: y(0), class: "garis-dasar" }));
  return svg;
}
