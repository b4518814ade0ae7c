/**
 * Lines that are page furniture, not article text: caption toggles, comment prompts, share and
 * follow prompts, tag lists, video promos, separators. Patterns describe classes of boilerplate.
 */
const FULL_LINE: RegExp[] = [
  // caption and gallery controls
  /^(?:hide|show|toggle|close|expand|collapse|view|enlarge)\s+(?:this\s+)?(?:caption|legend|image|photo|gallery|captions|images|photos)s?$/i,
  /^(?:image|media|video) caption$/i,
  /^(?:previous|next)(?: (?:image|photo|slide|article|story|page))?$/i,
  /^\d+\s*(?:of|\/)\s*\d+$/,
  // comment prompts
  /^(?:leave|post|add|write|view|show|hide|read|see|load)\s+(?:a\s+|all\s+|the\s+|more\s+|your\s+)?comments?$/i,
  /^\d+\s+comments?$/i,
  /^comments?(?:\s*\(\d+\))?$/i,
  /^(?:join|start) the (?:conversation|discussion|debate)\b.{0,60}$/i,
  /^be the first to comment\b.{0,40}$/i,
  // tags, keywords, short links
  /^(?:search\s+)?(?:keywords?|tags?|topics?|categories|category|filed under|related topics|more on)\s*:.{0,300}$/i,
  /^(?:short|permanent|perma)\s*link\s*:?.{0,200}$/i,
  // share / subscribe / follow / newsletter / app prompts
  /^share(?:\s+this(?:\s+(?:article|story|page|post|video))?|\s+(?:on|via)\s+[\w ,|·•/&]{1,60}|\s+(?:article|story|page))?(?:\s*[:|].{0,80})?$/i,
  /^(?:tweet|email|print|whatsapp|facebook|twitter|linkedin|reddit|pinterest|copy link)(?:\s*(?:[|·•,/]\s*|\s)(?:tweet|email|print|whatsapp|facebook|twitter|linkedin|reddit|pinterest|copy link|share))*$/i,
  /^(?:subscribe|sign up|register|log in|sign in)\b.{0,160}$/i,
  /^follow\b.{0,160}\b(?:on (?:twitter|facebook|instagram|x|linkedin|tiktok|youtube|threads|bluesky|telegram|whatsapp)|at https?:\/\/\S+|@\w+)\b.{0,80}$/i,
  /^(?:click|tap) here\b.{0,160}$/i,
  /^(?:download|get) (?:our|the) (?:free )?(?:app|newsletter)\b.{0,160}$/i,
  /^(?:get|receive) (?:our|the) .{0,60}newsletter\b.{0,100}$/i,
  // promos and furniture
  /^(?:WATCH|LISTEN|READ MORE|READ ALSO|ALSO READ|RELATED|MORE|SEE ALSO|VIDEO|PHOTOS|GALLERY|LIVE|PODCAST)\s*[|:]\s*.{0,600}$/,
  /^(?:read more|related|related stories|related articles|see also|also read|recommended|more from|most read|most popular|trending|editor's picks?|you may also like|you might also like|more stories|top stories)\s*(?::.{0,160})?$/i,
  /^(?:read more|see also|also read)\b.{0,100}$/i,
  /^(?:advertisement|advertisements|advert|sponsored|sponsored content|paid content|promoted|ad)$/i,
  /^(?:skip to (?:main )?content|skip (?:navigation|advertisement)|back to top|jump to|loading\.*|scroll to continue\b.{0,40})$/i,
  /^(?:copyright\s*(?:©|\(c\))?\s*(?:\d{4}|by\b)|©|\(c\)\s*\d{4}).{0,160}$/i,
  /^.{0,120}\ball rights reserved\.?$/i,
  /^(?:this (?:article|story|content) (?:is|was) (?:republished|reproduced|syndicated)|originally published)\b.{0,200}$/i,
  /^(?:duration|runtime)\s*:?\s*\d+:\d{2}$/i,
];

/** Lines made only of separator characters: "___", "***", "---", "* * *". */
const SEPARATOR = /^[\s_*=~#•·\-–—]{3,}$/;

export function isSeparator(line: string): boolean {
  return SEPARATOR.test(line);
}

export function isBoilerplate(line: string): boolean {
  const text = line.trim();
  if (!text) return true;
  if (text.length > 700) return false;
  if (isSeparator(text)) return true;
  for (const re of FULL_LINE) if (re.test(text)) return true;
  return false;
}
