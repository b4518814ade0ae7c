/**
 * An article's outlet from its URL: a small table of well-known news domains, else the site's own
 * domain ("nzherald.co.nz"), which names it readably and never as a file name.
 */

/** Registrable domain → outlet name. Subdomains match too (edition.cnn.com → CNN). */
const KNOWN_OUTLETS: Readonly<Record<string, string>> = {
  'apnews.com': 'AP',
  'ap.org': 'AP',
  'reuters.com': 'Reuters',
  'afp.com': 'AFP',
  'npr.org': 'NPR',
  'bbc.co.uk': 'BBC',
  'bbc.com': 'BBC',
  'cnn.com': 'CNN',
  'nytimes.com': 'The New York Times',
  'washingtonpost.com': 'The Washington Post',
  'wsj.com': 'The Wall Street Journal',
  'usatoday.com': 'USA Today',
  'latimes.com': 'Los Angeles Times',
  'nbcnews.com': 'NBC News',
  'cbsnews.com': 'CBS News',
  'abcnews.go.com': 'ABC News',
  'foxnews.com': 'Fox News',
  'politico.com': 'Politico',
  'politico.eu': 'Politico Europe',
  'axios.com': 'Axios',
  'bloomberg.com': 'Bloomberg',
  'cnbc.com': 'CNBC',
  'theguardian.com': 'The Guardian',
  'ft.com': 'Financial Times',
  'economist.com': 'The Economist',
  'independent.co.uk': 'The Independent',
  'telegraph.co.uk': 'The Telegraph',
  'dailymail.co.uk': 'Daily Mail',
  'news.sky.com': 'Sky News',
  'aljazeera.com': 'Al Jazeera',
  'dw.com': 'DW',
  'france24.com': 'France 24',
  'euronews.com': 'Euronews',
  'rferl.org': 'RFE/RL',
  'voanews.com': 'VOA',
  'err.ee': 'ERR',
  'kyivindependent.com': 'The Kyiv Independent',
  'themoscowtimes.com': 'The Moscow Times',
  'tass.com': 'TASS',
  'rt.com': 'RT',
  'scmp.com': 'South China Morning Post',
  'timesofindia.indiatimes.com': 'The Times of India',
  'abc.net.au': 'ABC News (Australia)',
  'cbc.ca': 'CBC',
  'theglobeandmail.com': 'The Globe and Mail',
  'yahoo.com': 'Yahoo News',
  'msn.com': 'MSN',
};

/** Second-level labels under which a registrable domain takes three labels (news.co.uk, abc.net.au). */
const SECOND_LEVEL = new Set(['co', 'com', 'net', 'org', 'gov', 'ac', 'edu', 'go', 'ne', 'or']);

/** The host of an http(s) URL, lower-cased, without "www." and the like; null for anything else. */
export function hostOf(url: string | null | undefined): string | null {
  if (!url || !/^https?:\/\//i.test(url.trim())) return null;
  let host: string;
  try {
    host = new URL(url.trim()).hostname.toLowerCase();
  } catch (error) {
    if (error instanceof TypeError) return null;
    throw error;
  }
  if (!host.includes('.') || /^[\d.]+$/.test(host) || host.startsWith('[')) return null;
  return host.replace(/^(www\d?|m|amp|mobile)\./, '');
}

/** The outlet a well-known domain belongs to, or null. */
export function knownOutlet(url: string | null | undefined): string | null {
  const host = hostOf(url);
  if (!host) return null;
  const labels = host.split('.');
  for (let i = 0; i < labels.length - 1; i++) {
    const outlet = KNOWN_OUTLETS[labels.slice(i).join('.')];
    if (outlet) return outlet;
  }
  return null;
}

/** The site's registrable domain ("edition.example.co.uk" → "example.co.uk"), or null when the URL has none. */
export function domainOutlet(url: string | null | undefined): string | null {
  const host = hostOf(url);
  if (!host) return null;
  const labels = host.split('.');
  const keep = labels.length >= 3 && labels[labels.length - 1]!.length === 2 && SECOND_LEVEL.has(labels[labels.length - 2]!) ? 3 : 2;
  return labels.slice(-keep).join('.');
}
