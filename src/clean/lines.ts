/** A non-blank line of the original: trimmed `[begin, end)` offsets and the blank-line-separated block it sits in. */
export interface Line {
  begin: number;
  end: number;
  block: number;
}

/** Non-blank lines with trimmed offsets; `blankLines` says whether blank lines separate paragraphs at all. */
export function splitLines(text: string): { lines: Line[]; blankLines: boolean } {
  const lines: Line[] = [];
  let block = 0;
  let blank = false;
  let blankLines = false;
  let start = 0;
  const n = text.length;
  while (start <= n) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = n;
    let b = start;
    let e = end;
    while (b < e && isSpace(text.charCodeAt(b))) b++;
    while (e > b && isSpace(text.charCodeAt(e - 1))) e--;
    if (e > b) {
      if (blank && lines.length) {
        block++;
        blankLines = true;
      }
      blank = false;
      lines.push({ begin: b, end: e, block });
    } else blank = true;
    start = end + 1;
  }
  return { lines, blankLines };
}

function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 13 || c === 10 || c === 0xa0 || c === 0x2007 || c === 0x202f || c === 0xfeff || c === 12 || c === 11;
}
