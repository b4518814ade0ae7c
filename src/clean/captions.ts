/** Picture services and wires as they close a caption. */
const AGENCY = String.raw`AP|AFP|Reuters|Getty Images|Getty|EPA|EPA-EFE|Xinhua|Sputnik|TASS|Bloomberg|Shutterstock|Alamy|Anadolu Agency|NurPhoto|SOPA Images|Sipa|ZUMA|Zuma Press|PA|PA Images|PA Wire|dpa|picture alliance|UPI|The Canadian Press|Kremlin|Pool|Handout`;

/** "(AP Photo/Name)", "(John Thys/AFP/Getty Images)", "(John Thys, Pool Photo via AP)", optionally then "Credit: Name". */
const PAREN_CREDIT = new RegExp(
  String.raw`\((?=[^()]*(?:\b(?:Photo|Photograph|Images|Pool|via)\b|/))[^()]*\b(?:${AGENCY})\b[^()]*\)\s*(?:Credit:\s*[^.]{1,80})?$`,
);
/** "... in Brussels, on January 7, 2022. AFP" / ". Photo: Reuters" / ". REUTERS/Name". */
const TRAILING_CREDIT = new RegExp(
  String.raw`[.!?]["”’)]?\s+(?:(?:Photo|Picture|Image|Credit)s?:\s*)?(?:${AGENCY}|[A-Z]{2,}/[\p{L} .'-]{2,40})(?:\s*/\s*[\p{L} .'-]{2,40})?\s*$`,
  'u',
);
const MAX_CAPTION_WORDS = 120;

/** If `line` reads as a photo caption, its text (without a "Caption" prefix); otherwise null. */
export function captionOf(line: string): string | null {
  const text = line.trim();
  if (!text || text.length > MAX_CAPTION_WORDS * 9) return null;
  const prefix = /^(?:Caption|Photo caption|Image caption|Media caption)\b\s*:?\s+/.exec(text);
  if (prefix) return text.slice(prefix[0].length);
  // credits close the caption: only its tail needs looking at
  const tail = text.length > 240 ? text.slice(-240) : text;
  if ((tail.includes('(') && PAREN_CREDIT.test(tail)) || TRAILING_CREDIT.test(tail.slice(-100))) return text;
  return null;
}
