// Minimal inline-SVG line charts with markers: no scripts, no external resources.

/** One line of a chart. */
export interface LineSeries {
  name: string;
  color: string;
  x: ArrayLike<number>;
  y: ArrayLike<number>;
  /** Fill the area between the line and zero (drawdowns). */
  area?: boolean;
}

/** A point marker (trade entry or exit). */
export interface ChartMarker {
  x: number;
  y: number;
  color: string;
  kind: "up" | "down";
  title: string;
}

/** Options of {@link lineChart}. */
export interface ChartOptions {
  title: string;
  width?: number;
  height?: number;
  /** Formats y-axis labels. */
  formatY?: (v: number) => string;
  markers?: readonly ChartMarker[];
}

/** Escapes text for HTML/SVG content and attributes. */
export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/**
 * Reduces a series to about `buckets` × 2 points keeping each bucket's min and max, so spikes and
 * drawdowns stay visible however long the run.
 */
export function downsample(
  x: ArrayLike<number>,
  y: ArrayLike<number>,
  buckets: number,
): [number[], number[]] {
  const n = Math.min(x.length, y.length);
  if (n <= buckets * 2)
    return [
      Array.from({ length: n }, (_, i) => x[i] as number),
      Array.from({ length: n }, (_, i) => y[i] as number),
    ];
  const xs: number[] = [];
  const ys: number[] = [];
  const size = n / buckets;
  for (let b = 0; b < buckets; b++) {
    const s = Math.floor(b * size);
    const e = Math.min(n, Math.floor((b + 1) * size));
    let lo = s;
    let hi = s;
    for (let i = s; i < e; i++) {
      if ((y[i] as number) < (y[lo] as number)) lo = i;
      if ((y[i] as number) > (y[hi] as number)) hi = i;
    }
    for (const i of lo <= hi ? [lo, hi] : [hi, lo]) {
      if (xs.length === 0 || xs[xs.length - 1] !== x[i]) {
        xs.push(x[i] as number);
        ys.push(y[i] as number);
      }
    }
  }
  return [xs, ys];
}

function isoDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 16).replace("T", " ");
}

/** Renders an SVG line chart (time on x) with a legend and optional markers. */
export function lineChart(lines: readonly LineSeries[], options: ChartOptions): string {
  const W = options.width ?? 960;
  const H = options.height ?? 260;
  const L = 70;
  const R = 10;
  const T = 24;
  const B = 36;
  const fmt = options.formatY ?? ((v: number) => String(Number(v.toPrecision(4))));
  const pts = lines.map((l) => downsample(l.x, l.y, 800));
  let x0 = Number.POSITIVE_INFINITY;
  let x1 = Number.NEGATIVE_INFINITY;
  let y0 = Number.POSITIVE_INFINITY;
  let y1 = Number.NEGATIVE_INFINITY;
  for (const [xs, ys] of pts) {
    for (let i = 0; i < xs.length; i++) {
      const xv = xs[i] as number;
      const yv = ys[i] as number;
      if (!Number.isFinite(yv)) continue;
      x0 = Math.min(x0, xv);
      x1 = Math.max(x1, xv);
      y0 = Math.min(y0, yv);
      y1 = Math.max(y1, yv);
    }
  }
  for (const m of options.markers ?? []) {
    y0 = Math.min(y0, m.y);
    y1 = Math.max(y1, m.y);
  }
  if (lines.some((l) => l.area)) {
    y0 = Math.min(y0, 0);
    y1 = Math.max(y1, 0);
  }
  const out: string[] = [];
  out.push(
    `<svg viewBox="0 0 ${W} ${H}" width="${W}" height="${H}" role="img" aria-label="${escapeHtml(options.title)}">`,
  );
  out.push(`<text x="${L}" y="16" class="ct">${escapeHtml(options.title)}</text>`);
  if (!Number.isFinite(x0) || !Number.isFinite(y0)) {
    out.push(`<text x="${L}" y="${H / 2}">no data</text></svg>`);
    return out.join("");
  }
  if (x1 === x0) x1 = x0 + 1;
  if (y1 === y0) {
    y1 += Math.abs(y1) * 0.01 || 1;
    y0 -= Math.abs(y0) * 0.01 || 1;
  }
  const sx = (v: number) => (L + ((v - x0) / (x1 - x0)) * (W - L - R)).toFixed(1);
  const sy = (v: number) => (T + (1 - (v - y0) / (y1 - y0)) * (H - T - B)).toFixed(1);
  out.push(`<rect x="${L}" y="${T}" width="${W - L - R}" height="${H - T - B}" class="pl"/>`);
  for (let k = 0; k <= 4; k++) {
    const v = y0 + ((y1 - y0) * k) / 4;
    out.push(`<line x1="${L}" x2="${W - R}" y1="${sy(v)}" y2="${sy(v)}" class="gr"/>`);
    out.push(`<text x="${L - 4}" y="${sy(v)}" class="yl">${escapeHtml(fmt(v))}</text>`);
  }
  for (let k = 0; k <= 4; k++) {
    const v = x0 + ((x1 - x0) * k) / 4;
    out.push(`<text x="${sx(v)}" y="${H - B + 16}" class="xl">${isoDay(v)}</text>`);
  }
  lines.forEach((l, i) => {
    const [xs, ys] = pts[i] as [number[], number[]];
    const d: string[] = [];
    for (let k = 0; k < xs.length; k++) {
      const yv = ys[k] as number;
      if (Number.isFinite(yv)) d.push(`${sx(xs[k] as number)},${sy(yv)}`);
    }
    if (l.area && d.length > 0) {
      const first = xs[0] as number;
      const last = xs[xs.length - 1] as number;
      out.push(
        `<polygon points="${sx(first)},${sy(0)} ${d.join(" ")} ${sx(last)},${sy(0)}" fill="${l.color}" fill-opacity="0.25" stroke="none"/>`,
      );
    }
    out.push(`<polyline points="${d.join(" ")}" fill="none" stroke="${l.color}" stroke-width="1.3"/>`);
    out.push(`<rect x="${L + 8 + i * 170}" y="${T + 6}" width="10" height="10" fill="${l.color}"/>`);
    out.push(`<text x="${L + 22 + i * 170}" y="${T + 15}" class="lg">${escapeHtml(l.name)}</text>`);
  });
  for (const m of options.markers ?? []) {
    const cx = Number(sx(m.x));
    const cy = Number(sy(m.y));
    const p =
      m.kind === "up"
        ? `${cx},${cy - 1} ${cx - 5},${cy + 8} ${cx + 5},${cy + 8}`
        : `${cx},${cy + 1} ${cx - 5},${cy - 8} ${cx + 5},${cy - 8}`;
    out.push(
      `<polygon points="${p}" fill="${m.color}" stroke="#000" stroke-width="0.4"><title>${escapeHtml(m.title)}</title></polygon>`,
    );
  }
  out.push("</svg>");
  return out.join("");
}
