// Small inline SVG charts for the board. Each one is an image with a label; the numbers it draws are also in a table
// beside it, so a screen reader reads the table and skips nothing. Colours come from board.css classes (no inline style).
import type { AgentBoard, QueueBoard } from './contract';
import { queueName, t } from './board-words';
import { formatPercent } from './language';

const ns = 'http://www.w3.org/2000/svg';

function svg<K extends keyof SVGElementTagNameMap>(
  tag: K, attributes: Record<string, string | number>, ...children: (SVGElement | string)[]
): SVGElementTagNameMap[K] {
  const element = document.createElementNS(ns, tag);
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, String(value));
  element.append(...children);
  return element;
}

function chart(width: number, height: number, label: string, ...children: SVGElement[]): SVGSVGElement {
  return svg('svg', { viewBox: `0 0 ${width} ${height}`, role: 'img', 'aria-label': label, class: 'chart' }, ...children);
}

const labelWidth = 190;
const barWidth = 380;
const rowHeight = 24;

/** One bar per queue, as long as its open queries, split into on track, at risk and breached. */
export function queueBars(rows: QueueBoard[]): SVGSVGElement {
  const most = Math.max(1, ...rows.map((r) => r.open));
  const scale = barWidth / most;
  const bars = rows.map((row, i) => {
    const y = i * rowHeight;
    const onTrack = row.open - row.atRisk - row.breached;
    let x = labelWidth;
    const segments = ([[onTrack, 'seg-ok'], [row.atRisk, 'seg-risk'], [row.breached, 'seg-breached']] as const)
      .filter(([count]) => count > 0)
      .map(([count, kind]) => {
        const rect = svg('rect', { x, y: y + 4, width: Math.max(1, count * scale), height: rowHeight - 8, class: kind });
        x += count * scale;
        return rect;
      });
    return svg('g', { 'data-queue': row.queue },
      svg('text', { x: labelWidth - 8, y: y + rowHeight / 2 + 4, 'text-anchor': 'end', class: 'chart-label' }, queueName(row.queue)),
      ...segments,
      svg('text', { x: x + 6, y: y + rowHeight / 2 + 4, class: 'chart-value' }, String(row.open)));
  });
  const legend = svg('g', { transform: `translate(${labelWidth} ${rows.length * rowHeight + 6})` },
    ...([[t.onTrack, 'seg-ok'], [t.atRisk, 'seg-risk'], [t.breached, 'seg-breached']] as const).flatMap(([name, kind], i) => [
      svg('rect', { x: i * 120, y: 0, width: 12, height: 12, class: kind }),
      svg('text', { x: i * 120 + 18, y: 11, class: 'chart-label' }, name),
    ]));
  return chart(labelWidth + barWidth + 50, rows.length * rowHeight + 26, t.queuesChart, ...bars, legend);
}

/** A ring filled to the share met; "–" when nothing was given yet. */
export function ring(label: string, met: number, given: number): SVGSVGElement {
  const radius = 40;
  const length = 2 * Math.PI * radius;
  const share = given === 0 ? null : met / given;
  const tone = share === null ? 'ring-none' : share >= 0.9 ? 'ring-good' : share >= 0.75 ? 'ring-fair' : 'ring-poor';
  return chart(120, 132, `${label}: ${share === null ? t.noData : formatPercent(share)}`,
    svg('circle', { cx: 60, cy: 56, r: radius, class: 'ring-track' }),
    svg('circle', {
      cx: 60, cy: 56, r: radius, class: `ring-value ${tone}`, transform: 'rotate(-90 60 56)',
      'stroke-dasharray': `${(share ?? 0) * length} ${length}`,
    }),
    svg('text', { x: 60, y: 62, 'text-anchor': 'middle', class: 'ring-figure' }, share === null ? '–' : formatPercent(share)),
    svg('text', { x: 60, y: 126, 'text-anchor': 'middle', class: 'chart-label' }, label));
}

/** One bar per person, as long as their open queries, marked when they are online. */
export function loadBars(agents: AgentBoard[]): SVGSVGElement {
  const most = Math.max(1, ...agents.map((a) => a.open));
  const bars = agents.map((agent, i) => {
    const y = i * rowHeight;
    return svg('g', {},
      svg('circle', { cx: 8, cy: y + rowHeight / 2, r: 5, class: agent.online ? 'dot-online' : 'dot-offline' }),
      svg('text', { x: labelWidth - 8, y: y + rowHeight / 2 + 4, 'text-anchor': 'end', class: 'chart-label' }, agent.displayName),
      svg('rect', { x: labelWidth, y: y + 4, width: Math.max(1, (agent.open / most) * barWidth), height: rowHeight - 8, class: 'bar-load' }),
      svg('text', { x: labelWidth + (agent.open / most) * barWidth + 6, y: y + rowHeight / 2 + 4, class: 'chart-value' }, String(agent.open)));
  });
  return chart(labelWidth + barWidth + 50, Math.max(1, agents.length) * rowHeight, t.agentsChart, ...bars);
}
