import { Hono } from 'hono';
import { reportView } from '../../pipeline/report.js';
import { REPORT_CSS, renderReportHtml } from '../../pipeline/report-html.js';
import type { Store } from '../../store/store.js';
import { notFound } from '../errors.js';

/** GET /report/{article}: the printable evidence report; GET /report.css: its styles (the CSP allows no inline ones). */
export function reportRoutes(store: Store): Hono {
  const app = new Hono();
  app.get('/report.css', (c) => c.body(REPORT_CSS, 200, { 'Content-Type': 'text/css; charset=utf-8', 'Cache-Control': 'no-cache' }));
  app.get('/report/:id', async (c) => {
    const id = c.req.param('id');
    const view = await reportView(store, id);
    if (!view) notFound('article', id);
    return c.html(renderReportHtml(view, { stylesheet: { href: '/report.css' } }));
  });
  return app;
}
