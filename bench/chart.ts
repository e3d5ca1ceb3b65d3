/**
 * A small SVG chart of the scale results, drawn by hand (no chart library):
 * question latency and memory against corpus size, both on log-log axes so
 * that linear growth is a straight line of slope one.
 */

export interface Series {
  label: string;
  color: string;
  dashed?: boolean;
  points: Array<{ x: number; y: number }>;
}

export interface Panel {
  title: string;
  xLabel: string;
  yLabel: string;
  series: Series[];
  /** Horizontal target lines. */
  targets?: Array<{ y: number; label: string }>;
}

const W = 460;
const H = 340;
const M = { left: 58, right: 16, top: 34, bottom: 86 };

function esc(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function fmt(v: number): string {
  if (v >= 1000) return `${v / 1000}k`;
  return String(v);
}

/** Powers of ten covering [lo, hi]. */
function decades(lo: number, hi: number): number[] {
  const out: number[] = [];
  for (let e = Math.floor(Math.log10(lo)); e <= Math.ceil(Math.log10(hi)); e++) out.push(10 ** e);
  return out;
}

function panel(p: Panel, offsetX: number): string {
  const xs = p.series.flatMap((s) => s.points.map((pt) => pt.x)).filter((x) => x > 0);
  const ys = [...p.series.flatMap((s) => s.points.map((pt) => pt.y)), ...(p.targets ?? []).map((t) => t.y)].filter((y) => y > 0 && Number.isFinite(y));
  const xTicks = decades(Math.min(...xs), Math.max(...xs));
  const yTicks = decades(Math.min(...ys), Math.max(...ys));
  const [x0, x1] = [Math.log10(xTicks[0] ?? 1), Math.log10(xTicks[xTicks.length - 1] ?? 10)];
  const [y0, y1] = [Math.log10(yTicks[0] ?? 1), Math.log10(yTicks[yTicks.length - 1] ?? 10)];
  const plotW = W - M.left - M.right;
  const plotH = H - M.top - M.bottom;
  const sx = (x: number): number => offsetX + M.left + ((Math.log10(x) - x0) / (x1 - x0 || 1)) * plotW;
  const sy = (y: number): number => M.top + plotH - ((Math.log10(y) - y0) / (y1 - y0 || 1)) * plotH;
  const out: string[] = [];
  out.push(`<text x="${offsetX + W / 2}" y="20" text-anchor="middle" font-weight="bold">${esc(p.title)}</text>`);
  for (const t of xTicks) {
    out.push(`<line x1="${sx(t)}" y1="${M.top}" x2="${sx(t)}" y2="${M.top + plotH}" stroke="#ddd"/>`);
    out.push(`<text x="${sx(t)}" y="${M.top + plotH + 14}" text-anchor="middle">${fmt(t)}</text>`);
  }
  for (const t of yTicks) {
    out.push(`<line x1="${offsetX + M.left}" y1="${sy(t)}" x2="${offsetX + M.left + plotW}" y2="${sy(t)}" stroke="#ddd"/>`);
    out.push(`<text x="${offsetX + M.left - 6}" y="${sy(t) + 4}" text-anchor="end">${fmt(t)}</text>`);
  }
  out.push(`<text x="${offsetX + M.left + plotW / 2}" y="${M.top + plotH + 30}" text-anchor="middle">${esc(p.xLabel)}</text>`);
  out.push(
    `<text x="${offsetX + 14}" y="${M.top + plotH / 2}" text-anchor="middle" transform="rotate(-90 ${offsetX + 14} ${M.top + plotH / 2})">${esc(p.yLabel)}</text>`,
  );
  for (const t of p.targets ?? []) {
    out.push(`<line x1="${offsetX + M.left}" y1="${sy(t.y)}" x2="${offsetX + M.left + plotW}" y2="${sy(t.y)}" stroke="#c00" stroke-dasharray="2 3"/>`);
    out.push(`<text x="${offsetX + M.left + 4}" y="${sy(t.y) - 3}" fill="#c00">${esc(t.label)}</text>`);
  }
  p.series.forEach((s, i) => {
    const pts = s.points.filter((pt) => pt.x > 0 && pt.y > 0 && Number.isFinite(pt.y));
    const d = pts.map((pt, j) => `${j === 0 ? 'M' : 'L'}${sx(pt.x).toFixed(1)},${sy(pt.y).toFixed(1)}`).join(' ');
    out.push(`<path d="${d}" fill="none" stroke="${s.color}" stroke-width="2"${s.dashed ? ' stroke-dasharray="6 4"' : ''}/>`);
    for (const pt of pts) out.push(`<circle cx="${sx(pt.x).toFixed(1)}" cy="${sy(pt.y).toFixed(1)}" r="3" fill="${s.color}"/>`);
    const ly = M.top + plotH + 46 + Math.floor(i / 2) * 16;
    const lx = offsetX + M.left + (i % 2) * (plotW / 2);
    out.push(
      `<line x1="${lx}" y1="${ly - 4}" x2="${lx + 22}" y2="${ly - 4}" stroke="${s.color}" stroke-width="2"${s.dashed ? ' stroke-dasharray="6 4"' : ''}/>`,
    );
    out.push(`<text x="${lx + 28}" y="${ly}">${esc(s.label)}</text>`);
  });
  return out.join('\n');
}

/** Two panels side by side, as one standalone SVG document. */
export function renderChart(left: Panel, right: Panel, caption: string): string {
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${2 * W}" height="${H + 24}" viewBox="0 0 ${2 * W} ${H + 24}" font-family="sans-serif" font-size="11">`,
    `<rect width="100%" height="100%" fill="white"/>`,
    panel(left, 0),
    panel(right, W),
    `<text x="${W}" y="${H + 16}" text-anchor="middle" fill="#555">${esc(caption)}</text>`,
    '</svg>',
    '',
  ].join('\n');
}
