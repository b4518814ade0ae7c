/**
 * Word lists behind entity and quote extraction. Lower-case; looked up with `has(word.toLowerCase())`.
 * Kept broad on purpose: spinners and machine paraphrasers swap cue verbs ("stated", "informed")
 * and titles ("Secretary-Common"), so the lists carry the common substitutes too.
 */
const set = (words: string): ReadonlySet<string> => new Set(words.trim().split(/\s+/));

/** Speech and attribution verbs, every inflection that news text uses. */
export const CUE_VERBS = set(`
say says said saying tell tells told telling add adds added note notes noted warn warns warned
state states stated inform informs informed tweet tweets tweeted write writes wrote ask asks asked
explain explains explained insist insists insisted argue argues argued declare declares declared
announce announces announced claim claims claimed continue continues continued recall recalls recalled
remark remarks remarked reply replies replied respond responds responded joke jokes joked
acknowledge acknowledges acknowledged admit admits admitted concede concedes conceded complain complains
complained caution cautions cautioned emphasize emphasizes emphasized emphasise emphasised stress stresses
stressed observe observes observed predict predicts predicted promise promises promised vow vows vowed
pledge pledges pledged urge urges urged suggest suggests suggested testify testifies testified boast boasts
boasted shout shouts shouted yell yells yelled quip quips quipped muse muses mused post posts posted
conclude concludes concluded agree agrees agreed counter counters countered charge charges charged
allege alleges alleged contend contends contended maintain maintains maintained lament laments lamented
reiterate reiterates reiterated reaffirm reaffirms reaffirmed confirm confirms confirmed insist
brand brands branded call calls called describe describes described deny denies denied
mention mentions mentioned recount recounts recounted report reports reported reveal reveals revealed
assert asserts asserted announce exclaim exclaims exclaimed whisper whispers whispered
comment comments commented elaborate elaborates elaborated point points pointed
tout touts touted blast blasts blasted slam slams slammed scoff scoffs scoffed snap snaps snapped
thunder thunders thundered chime chimes chimed interject interjects interjected offer offers offered
read reads wonder wonders wondered demand demands demanded chant chants chanted sing sings sang
bark barks barked gush gushes gushed rave raves raved brag brags bragged confide confides confided grumble grumbles grumbled plead pleads pleaded protest protests protested scold scolds scolded sigh sighs sighed speculate speculates speculated tease teases teased mock mocks mocked remind reminds reminded advise advises advised repeat repeats repeated cry cries cried fume fumes fumed marvel marvels marveled acknowledge noting adding saying telling writing arguing insisting declaring explaining warning asking stating tweeting calling describing echo echoes echoed opine opines opined proclaim proclaims proclaimed retort retorts retorted explain
answer answers answered press presses pressed riff riffs riffed beam beams beamed blare blares blared
retaliate retaliates retaliated interrupt interrupts interrupted concur concurs concurred exult exults exulted
`);

/** Cue verbs so common in other senses ("called for", "read the bill") that they need a quote right beside them. */
export const WEAK_CUES = set('press presses pressed answer answers answered call calls called point points pointed offer offers offered read reads continue continues continued brand brands branded describe describes described report reports reported post posts posted demand demands demanded');

/** Words that may sit between a source and its cue verb: "he later said", "Smith also told". */
export const CUE_ADVERBS = set(`also later then previously recently once again further quickly simply
repeatedly flatly angrily bluntly told has have had was is would will could did does do not never
publicly privately separately similarly likewise earlier subsequently reportedly in an a on interview statement`);

export const PRONOUNS = set('he she they we i it who');

/** Heads of role phrases: "Defense Minister", "Kremlin spokesman", "press secretary", "a fellow at ...". */
export const ROLE_WORDS = set(`
minister secretary spokesman spokeswoman spokesperson president vice-president chancellor premier
ambassador envoy fellow senator sen rep representative congressman congresswoman governor gov mayor
chairman chairwoman chair director chief general adviser advisor aide analyst official officials
commissioner leader head professor prof dr economist pollster strategist candidate nominee speaker
manager executive ceo founder deputy attorney judge justice lawyer attorney-general diplomat
counselor councillor councilman councilwoman lieutenant colonel captain admiral commander king queen
prince princess pope sheikh emir spokesmen researcher scientist expert author columnist reporter
correspondent editor anchor host coordinator treasurer administrator superintendent sheriff
chief-of-staff cardinal bishop rabbi imam activist organizer organiser consultant historian
moderator panelist chairperson spokesperson member members lawmaker lawmakers legislator delegate negotiator operative surrogate
`);

/** Words inside role phrases that are not heads: "Defense", "Foreign", "press", "State". */
export const ROLE_MODIFIERS = set(`
defense defence foreign interior finance health state justice treasury commerce energy labor labour
agriculture education homeland security press prime deputy assistant under senior junior former acting
interim vice executive general national white house campaign communications policy political economic
chief top assistant associate principal special staff majority minority whip republican democratic
democrat gop
`);

/** Honorifics before a surname: "Mr. Garin". */
export const HONORIFICS = set('mr mrs ms miss dr sir dame lord lady sen rep gov gen prof rev');

/** Last words of organisation names. */
export const ORG_SUFFIXES = set(`
center centre council ministry party committee association agency inc corp corporation co ltd llc
university institute press news times post journal union organization organisation alliance
department bank fund foundation group commission court office service services network broadcaster
company companies administration army navy force forces police parliament congress senate house
assembly government campaign board bureau school college club league federation authority reserve
tribune herald guardian gazette review magazine channel radio television tv federation coalition
movement front brigade caucus project trust society church cabinet kremlin pentagon
`);

/** Organisations named by a single word or acronym. */
export const ORG_NAMES = set(`
nato un eu osce err ap afp reuters bbc cnn nbc abc cbs fox msnbc npr pbs fbi cia nsa kremlin pentagon
gop dnc rnc who imf opec google facebook twitter apple microsoft amazon congress senate
`);

/** Countries, capitals and well-known places (lower-case, multi-word joined by space). */
export const PLACES = set(`
russia ukraine estonia latvia lithuania poland italy canada germany france britain england scotland
wales ireland spain portugal belgium netherlands sweden norway finland denmark iceland austria
switzerland hungary romania bulgaria slovakia slovenia croatia serbia montenegro albania greece turkey
georgia armenia azerbaijan belarus moldova kazakhstan china japan korea india pakistan afghanistan iran
iraq syria israel lebanon jordan egypt libya tunisia algeria morocco saudi yemen qatar kuwait oman
brazil argentina chile mexico cuba venezuela colombia peru australia zealand africa nigeria kenya
ethiopia europe asia america americas crimea donbas moscow kyiv kiev brussels washington tallinn riga
vilnius warsaw paris london berlin rome madrid geneva vienna beijing tokyo minsk tbilisi ankara
jerusalem tehran baghdad damascus cairo ottawa toronto montreal beirut kabul islamabad delhi
iowa ohio texas florida california nevada virginia michigan wisconsin pennsylvania arizona colorado
carolina hampshire york jersey massachusetts illinois indiana kentucky tennessee alabama mississippi
louisiana arkansas missouri kansas nebraska dakota minnesota montana wyoming idaho utah oregon alaska
hawaii maine vermont connecticut maryland delaware oklahoma baltimore chicago boston philadelphia
detroit atlanta miami houston dallas denver seattle manhattan brooklyn cleveland
`);

/** Adjectives of nationality and place: role modifiers, never names on their own. */
export const DEMONYMS = set(`
russian ukrainian estonian latvian lithuanian polish italian canadian german french british english
scottish irish spanish belgian dutch swedish norwegian finnish danish austrian swiss hungarian romanian
bulgarian slovak croatian serbian greek turkish georgian armenian belarusian chinese japanese korean
indian pakistani afghan iranian iraqi syrian israeli lebanese egyptian libyan saudi mexican cuban
brazilian australian african european asian american western eastern baltic soviet nordic
`);

/** Capitalised words that open sentences but never names: "Still, NATO ...", "Under Article 10". */
export const NON_NAME_CAPS = set(`
still yet though however but and or so then thus also even while when where whether if after before
since until under over into onto about above across against among around behind below beside between
beyond during except inside near outside through throughout toward towards upon within without despite
the a an this that these those there here it its his her their our my your some many most more much
each every all any no not one two three four five six seven eight nine ten first second last next
monday tuesday wednesday thursday friday saturday sunday january february march april may june july
august september october november december jan feb mar apr jun jul aug sep sept oct nov dec
mr mrs ms dr
caption file photo credit watch read related share advertisement whereas although because in on at to for from with by as west east north south he she i we they you it`);

/** Intensifiers, hedges and modals: swapping one for another changes a quote's strength, not its meaning. */
export const STRENGTH_WORDS = set(`
completely totally utterly absolutely entirely fully wholly very really extremely highly deeply quite
rather fairly somewhat slightly barely hardly nearly almost largely mostly partly truly strongly
clearly crystal definitely certainly surely probably possibly perhaps maybe likely unlikely
can could may might must should shall will would ought able ready willing prepared going
always never often sometimes usually seldom rarely
`);

/** Negations: adding or dropping one flips a quote's meaning. */
export const NEGATIONS = set(`not no never none nobody nothing neither nor cannot can't won't don't doesn't didn't isn't aren't wasn't weren't shouldn't wouldn't couldn't mustn't hasn't haven't hadn't without`);

/** Last words of names that are neither people nor organisations: "Washington Treaty", "Crimean Peninsula". */
export const THING_SUFFIXES = set(`
treaty peninsula headquarters atlantic pacific ocean sea river lake mountain mountains island islands
act bill accord agreement summit war day street avenue road square building airport station hall
keywords caption photo images prize award cup games olympics festival conference convention debate
primary caucuses election campaign program programme plan initiative doctrine
`);
