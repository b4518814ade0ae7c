/** A coverage timeline: articles per day by outlet, copies apart, the first article marked (uPlot, served locally). */
import uPlot from '/vendor/uplot.js';
import type { CoverageTimeline } from './api.js';
import { formatDate, h, link, plural, routes } from './dom.js';

const PALETTE = ['#3b5bdb', '#e8590c', '#2b8a3e', '#ae3ec9', '#1098ad', '#f59f00', '#c2255c', '#5c940d', '#868e96'];

function css(name: string): string {
  return getComputedStyle(document.documentElement).getPropertyValue(name).trim() || '#888';
}

/** The chart (drawn once `host` is in the page) with a table of the same counts for keyboards and screen readers. */
export function coverageChart(timeline: CoverageTimeline, host: HTMLElement): HTMLElement {
  const section = h('section', { class: 'card coverage-timeline', 'data-testid': 'coverage-timeline' }, h('h2', {}, 'Coverage over time'));
  if (timeline.days.length === 0) {
    section.append(h('p', { class: 'empty' }, `No dated articles${timeline.undated ? ` (${plural(timeline.undated, 'undated article')})` : ''}.`));
    return section;
  }
  const copies = timeline.days.map((_, i) => timeline.outlets.reduce((n, o) => n + o.copies[i]!, 0));
  const first = timeline.first;
  section.append(
    h(
      'p',
      { class: 'meta' },
      `Articles per day by outlet; the dashed line counts copies and rewrites. `,
      first ? h('span', { 'data-testid': 'first-seen' }, 'First seen: ', link(routes.article(first.id), first.name), ` (${[first.source, formatDate(first.published)].filter(Boolean).join(', ')}).`) : null,
      timeline.undated ? ` ${plural(timeline.undated, 'undated article')} not shown.` : '',
    ),
  );
  const plot = h('div', { class: 'chart', 'data-testid': 'timeline-chart', role: 'img', 'aria-label': `Articles per day from ${timeline.days[0]} to ${timeline.days[timeline.days.length - 1]}` });
  section.append(plot, outletTable(timeline));
  const draw = (): void => {
    plot.replaceChildren();
    const xs = timeline.days.map((d) => Date.parse(`${d}T00:00:00Z`) / 1000);
    const firstX = first ? Date.parse(`${first.published.slice(0, 10)}T00:00:00Z`) / 1000 : null;
    const axis = { stroke: css('--muted'), grid: { stroke: css('--line') }, ticks: { stroke: css('--line') } };
    const chart = new uPlot(
      {
        width: Math.max(280, plot.clientWidth || host.clientWidth || 600),
        height: 220,
        tzDate: (ts) => uPlot.tzDate(new Date(ts * 1000), 'Etc/UTC'),
        scales: { x: { time: true } },
        axes: [axis, { ...axis, label: 'articles' }],
        series: [
          {},
          ...timeline.outlets.map((o, i) => ({ label: o.outlet, stroke: PALETTE[i % PALETTE.length], width: 2, points: { show: timeline.days.length < 60 } })),
          { label: 'copies and rewrites', stroke: css('--ink'), dash: [6, 4], width: 1.5 },
        ],
        hooks: {
          draw: [
            (u: uPlot) => {
              if (firstX === null) return;
              const x = u.valToPos(firstX, 'x', true);
              const ctx = u.ctx;
              ctx.save();
              ctx.strokeStyle = css('--accent');
              ctx.lineWidth = 2;
              ctx.beginPath();
              ctx.moveTo(x, u.bbox.top);
              ctx.lineTo(x, u.bbox.top + u.bbox.height);
              ctx.stroke();
              ctx.fillStyle = css('--accent');
              ctx.font = `${12 * devicePixelRatio}px system-ui`;
              ctx.fillText('first seen', x + 4, u.bbox.top + 14 * devicePixelRatio);
              ctx.restore();
            },
          ],
        },
      },
      [xs, ...timeline.outlets.map((o) => o.original.map((n, i) => n + o.copies[i]!)), copies],
      plot,
    );
    const onResize = (): void => {
      if (!plot.isConnected) return window.removeEventListener('resize', onResize);
      chart.setSize({ width: Math.max(280, plot.clientWidth), height: 220 });
    };
    window.addEventListener('resize', onResize);
  };
  host.addEventListener('attached', draw, { once: true });
  window.addEventListener('themechange', () => plot.isConnected && draw());
  return section;
}

function outletTable(timeline: CoverageTimeline): HTMLElement {
  const total = (xs: number[]) => xs.reduce((n, x) => n + x, 0);
  return h(
    'details',
    { class: 'outlet-counts' },
    h('summary', {}, 'Counts by outlet'),
    h(
      'table',
      { class: 'coverage' },
      h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Outlet'), h('th', { scope: 'col' }, 'Original'), h('th', { scope: 'col' }, 'Copies and rewrites'), h('th', { scope: 'col' }, 'Busiest day'))),
      h(
        'tbody',
        {},
        ...timeline.outlets.map((o) => {
          const perDay = o.original.map((n, i) => n + o.copies[i]!);
          const peak = perDay.indexOf(Math.max(...perDay));
          return h('tr', { 'data-testid': 'timeline-outlet' }, h('td', { class: 'outlet' }, o.outlet), h('td', { class: 'num' }, total(o.original)), h('td', { class: 'num' }, total(o.copies)), h('td', {}, formatDate(timeline.days[peak] ?? null)));
        }),
      ),
    ),
  );
}
