/**
 * Template stories: a fixed form filled with figures (earnings notes "Shr 34 cts vs 27 cts / Net 807,000
 * vs 2,858,000", market tables, canal and shipping reports, sports results). Their words are the form's,
 * the same in every issue, so they look alike whatever they report; what tells two apart is who or
 * what they are about. Read from the text alone: most of its lines are short and carry figures.
 */

/** Most words in a line of a table or a results list (a line with a figure and no more words is one). */
const TABLE_LINE_WORDS = 14;
/** Least lines for a form (fewer is a short item, not a table). */
const MIN_LINES = 2;
/** Share of lines that are table lines, at least. */
const MIN_TABLE_SHARE = 0.6;
/** Lines read: the head of a long text decides. */
const MAX_LINES = 60;

const FIGURE = /\d|^(?:nil|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)$/i;

export function isTemplateText(text: string): boolean {
  let lines = 0;
  let table = 0;
  let start = 0;
  while (start <= text.length && lines < MAX_LINES) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    const line = text.slice(start, end).trim();
    start = end + 1;
    if (!line) continue;
    const words = line.split(/\s+/);
    const figures = words.some((w) => FIGURE.test(w.replace(/[.,;:]$/, '')));
    // A one- or two-word heading ("Year", "Six mths") belongs to the table around it.
    if (words.length <= 2 && !figures) continue;
    lines++;
    if (figures && words.length <= TABLE_LINE_WORDS) table++;
  }
  return lines >= MIN_LINES && table >= MIN_TABLE_SHARE * lines;
}
