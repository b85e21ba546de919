/**
 * claim.unsupported: a sentence that asserts an empirical fact (a result, a figure, a comparison,
 * a causal or evidential statement) with no citation covering it.
 *
 * The classifier is a transparent rule-based scorer over word cues, not a model: a wrong
 * diagnostic costs the reviewer more than a missed one, so every rule is one a reader can check,
 * and anything that reads as the reviewer's own voice (plans, aims, methods, opinions,
 * speculation, definitions, signposts) is left alone. The order of decisions:
 *
 *   1. fewer than 4 words                                              → not a claim
 *   2. a strong negative cue: question, to-do, instruction, plan, aim, the note's own method,
 *      opinion, the reviewer's voice (I/we/my/our as subject), list introduction,
 *      cross-reference                                                 → not a claim
 *   3. no positive cue                                                 → not a claim
 *   4. a weak negative cue vetoes the positive one: speculation about the future, definition,
 *      topic ("what the trials found"), signpost, reporting convention, "arguably", a
 *      mid-sentence "we used…". A figure keeps a definition, signpost or "arguably" a claim
 *      unless the figure is a threshold ("at least 50%"); an evidential phrase keeps a
 *      mid-sentence method a claim                                     → not a claim
 *   5. otherwise a claim, described by the first positive cue in priority order: figure,
 *      comparison, evidential phrase, hedged result, causal verb, result verb, proportion.
 *
 * Citations, emphasis and quotations that are only part of the sentence are removed before the
 * cues are read. Every regex is compiled once, at module load; a sentence costs a few dozen regex
 * tests on a short string.
 */
import type { Finding } from '../types';
import { finding } from '../types';
import type { ParsedNote } from '../notes/types';
import { LruCache, own } from '../lru';

export interface ClaimVerdict {
  claim: boolean;
  /** Which cue decided, e.g. "a result (reduced)", "a figure (71%)", "question", "opinion (in my view)". */
  reason: string;
}

const MIN_WORDS = 4;

// ---------------------------------------------------------------------------------------------
// Clean-up before classification.

/** `[@a; @b, p. 3]`, `[see -@k]`: a bracketed group with a key in it. */
const KEY_GROUP = /\[[^\][]*@[^\][]*\]/g;
/** `[1]`, `[1,2]`, `[4-6]`, `[5, 7, 19]`. */
const NUMBERED_GROUP = /\[\s*\d+(?:\s*[-\u2013\u2014,]\s*\d+)*\s*\]/g;
/** A bare `@key` or `-@key` in running text (kept as a word so the subject position survives). */
const BARE_KEY = /(^|[\s(])-?@[\p{L}\p{N}_][\p{L}\p{N}_:.#$%&+?<>~/-]*[\p{L}\p{N}_]/gu;
/** A list marker or task box left at the start (when a caller passes raw markdown). */
const LEADING_MARKUP = /^(?:\s*(?:[-*+]|\d+[.)])\s+)?(?:\s*>\s*)*/;
const EMPHASIS = /[*_`]+/g;
const CURLY_APOSTROPHE = /[\u2018\u2019\u02bc]/g;
const CURLY_QUOTES = /[\u201c\u201d\u00ab\u00bb]/g;
/** Quoted material inside a longer sentence: cues in it are the quoted source's, not the writer's. */
const INNER_QUOTE = /"[^"]{1,300}"/g;
const SPACES = /\s+/g;
const NON_ASCII = /[^\x00-\x7f]/;

function clean(text: string): string {
  let t = text;
  if (NON_ASCII.test(t)) t = t.replace(CURLY_APOSTROPHE, "'").replace(CURLY_QUOTES, '"');
  if (t.includes('[')) t = t.replace(KEY_GROUP, ' ').replace(NUMBERED_GROUP, ' ');
  if (t.includes('@')) t = t.replace(BARE_KEY, '$1Source');
  t = t.replace(EMPHASIS, '').replace(SPACES, ' ').trim().replace(LEADING_MARKUP, '');
  // Blank inner quotations unless the quotation is (nearly) the whole sentence.
  if (t.includes('"')) {
    const whole = t.length;
    t = t.replace(INNER_QUOTE, (q) => (q.length < 0.8 * whole ? '"quote"' : q));
  }
  return t;
}

/** Words: runs of letters or digits (anything outside ASCII counts as a letter). */
function countWords(t: string): number {
  let n = 0;
  let inWord = false;
  for (let i = 0; i < t.length; i++) {
    const c = t.charCodeAt(i);
    const letter = (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c > 127;
    const joiner = inWord && (c === 39 || c === 45 || c === 46 || c === 44 || c === 37); // ' - . , %
    if (letter) {
      if (!inWord) n++;
      inWord = true;
    } else if (!joiner) inWord = false;
  }
  return n;
}

// ---------------------------------------------------------------------------------------------
// Strong negative cues: when one matches, the sentence is not a claim whatever else it says.

interface Cue {
  re: RegExp;
  /** Reason prefix; the matched text is added in parentheses. */
  label: string;
}

const STRONG_NEGATIVE: Cue[] = [
  // Questions (also a trailing quote or bracket after the question mark).
  { re: /\?\s*["')\]]*\s*$/, label: 'question' },
  // To-dos: task boxes, TODO/FIXME markers (case-sensitive), "To do:", "Next:", "Note to self:".
  { re: /^\[[ xX]\]|\b(?:TODO|FIXME|TBD|XXX)\b/, label: 'to-do' },
  {
    re: /^(?:to[- ]?do|next(?: steps?)?|later|note to self|reminder|remember|action(?: items?)?|follow[- ]?up|ideas?|query|q|open questions?|questions?|check|tasks?|plan)\s*[:\u2013\u2014-]\s/i,
    label: 'to-do',
  },
  // Imperatives at the start of a sentence are notes to self ("Read the appendix", "Check n").
  {
    re: /^(?:please\s+)?(?:read|re-?read|check|double-check|find|add|look(?:\s+(?:up|into|for|at))?|ask|e-?mail|verify|confirm|search|write|update|remember|consider|track down|get|fetch|download|compare|cite|fix|move|rewrite|draft|contact|summari[sz]e|chase|skim|extract|clarify|decide|figure out|dig|go back|revisit|insert|replace|delete|remove|merge|expand|shorten|reword|rephrase|make sure|ensure|don't forget|do not forget|need to|must|should|try|maybe (?:add|check|read|cite|look))\b/i,
    label: 'to-do',
  },
  // Instructions to the reader: "If you want…", "You can…".
  { re: /^(?:if you|you (?:can|could|should|may|might|will|need|must|have to)|you'll)\b/i, label: 'to-do' },
  // First-person plans: "I need to", "we will", "I'll", "let's".
  {
    re: /\b(?:I|[Ww]e)\s+(?:(?:really|still|also|first|then|probably|definitely)\s+)?(?:need|needs|want|plan|intend|hope|must|should|will|shall|would like|am going|are going|have to|ought|aim|mean to|'d like)\b|\b(?:I'll|I'm going|[Ww]e'll|[Ww]e're going|[Ll]et's|[Ll]et me|[Ll]et us)\b/,
    label: 'plan',
  },
  { re: /\bnext steps?\b|\b(?:to be|still to)\s+(?:checked|confirmed|verified|read|added|done|written|updated|decided|revisited|looked up|cited)\b/i, label: 'plan' },
  // Aims and scope of the note itself.
  {
    re: /\b(?:this|the present|these|our|my)\s+(?:review|note|notes|section|chapter|document|draft|summary|overview|essay|piece|post|page|file|project|reading list)\s+(?:\w+\s+)?(?:explores?|examines?|considers?|looks?|focus(?:es)?|aims?|asks?|describes?|summari[sz]es?|covers?|discuss(?:es)?|sets? out|reviews?|collects?|lists?|tries|try|attempts?|will|is|are|was|were|started|began|seeks?|investigates?|addresses?|maps?|surveys?|outlines?|compiles?|gathers?|mixes|uses|cites?|follows?)\b/i,
    label: 'aim',
  },
  { re: /\b(?:the|our|my)\s+(?:aim|goal|purpose|objective|focus|scope)\s+(?:of (?:this|the|my|our) (?:review|note|section)|here|is|was|will)\b|\bout of scope\b|^(?:aims?|goals?|purpose|objectives?|scope|focus)\s*:/i, label: 'aim' },
  // Methods of the note itself, passive or named databases.
  {
    re: /\b(?:trials|studies|records|reports|papers|articles|abstracts|sources|references|titles|full texts|items|outcomes|data)\s+(?:[\w-]+\s+){0,4}?(?:were|was)\s+(?:then\s+|also\s+)?(?:included|excluded|screened|searched|selected|extracted|retrieved|hand-searched|pooled|coded)\b/i,
    label: 'method',
  },
  // Screening counts and eligibility ("Of 1,243 records screened, 14 trials met the inclusion criteria.").
  { re: /\brecords\s+(?:were\s+)?(?:screened|identified|retrieved)\b|\bmet\s+(?:the|our|all)?\s*(?:inclusion|eligibility)\s+criteria\b|\bfull[- ]text(?:s)?\s+(?:were\s+)?(?:screened|assessed|reviewed|retrieved)\b/i, label: 'method' },
  // Design choices and power calculations: planned figures, not results.
  { re: /\bpower(?:ed)?\s+to\s+detect\b|\bsample size\s+(?:was|were)\s+(?:chosen|calculated|planned|set|based)\b|\b(?:was|were)\s+(?:pre-?specified|prespecified)\b/i, label: 'method' },
  { re: /\bsearch(?:ed|es|ing)?\s+(?:of\s+|in\s+)?(?:PubMed|MEDLINE|Embase|PsycINFO|Scopus|Web of Science|Google Scholar|CENTRAL|Cochrane|ClinicalTrials\.gov)\b/i, label: 'method' },
  // Opinions marked as such.
  {
    re: /\b(?:in|to)\s+(?:my|our)\s+(?:view|opinion|mind|reading|experience|judge?ment|estimation|eyes)\b|\b(?:my|our)\s+(?:reading|view|sense|impression|guess|hunch|take|opinion|feeling|interpretation|assessment)\b|\bpersonally\b|\b(?:seems?|appears?|looks?)\s+to\s+me\b/i,
    label: 'opinion',
  },
  {
    re: /\bI\s+(?:(?:still|also|really|do|don't|do not|would|'d|strongly)\s+)?(?:think|believe|suspect|feel|doubt|guess|reckon|argue|suggest|expect|wonder|find|consider|prefer|agree|disagree|am (?:not )?(?:convinced|persuaded|sure|certain|unsure|sceptical|skeptical))\b|\bI'm (?:not )?(?:convinced|sure|unsure|sceptical|skeptical)\b/,
    label: 'opinion',
  },
  // The reviewer's own voice: a sentence whose subject is I/we/my/our ("We searched…",
  // "I included…", "My reading: …"), except "we (now) know that…", an evidential claim.
  {
    re: /^(?:(?:so|then|next|now|here|first|firstly|second|secondly|finally|also|today|later|again|initially|instead|for now|for this (?:review|note)|in this (?:review|note|section)),?\s+)?(?:I|[Ww]e|[Mm]y|[Oo]ur)\b(?!\s+(?:now\s+)?know\b)(?<![Oo]ur(?=\s+(?:trial|study|team|lab|experiment|research)\b))/,
    label: 'method',
  },
  // A sentence that introduces a list or block: "Points to check in any story about this trial:".
  { re: /:\s*$/, label: 'introduces a list' },
  // Cross-references: "See [4].", "For the design, see below.", "… can be found in the appendix."
  { re: /^(?:see|cf\.?)\b|^for\b[^.]{0,80}?,?\s+see\b|\b(?:can|could|may) be found (?:in|at|below|above|here|by|on|under)\b|^(?:here|below|above)\s+(?:is|are)\b|\bas follows\b/i, label: 'cross-reference' },
];

// ---------------------------------------------------------------------------------------------
// Positive cues, in priority order; the first that matches names the reason.

/** Base verbs a hedge or modal can carry ("may reduce", "appears to improve"). */
const BASE_VERB =
  '(?:reduce|improve|increase|decrease|cause|lead to|help|work|relieve|alleviate|ease|worsen|trigger|induce|produce|prevent|protect|benefit|enhance|boost|lower|raise|inflate|overstate|understate|predict|promote|impair|affect|influence|modulate|alter|reverse|restore|normali[sz]e|cure|heal|change|facilitate|accelerate|slow|double|halve|outperform|exceed|drive|mediate|underlie|contribute to|result in|rewire|reset|regrow|fix|lift|block|blunt|dampen|quiet|calm|last|persist|' +
  'be (?:\\w+ )?(?:effective|efficacious|safe|harmful|beneficial|superior|inferior|associated|linked|responsible|due|as effective|as good|as safe|toxic|addictive)|' +
  'have (?:an? |no |little |the )?(?:\\w+ )?(?:effect|effects|benefit|benefits|role|impact))';

const POPULATION =
  '(?:patients|participants|adults|subjects|people|persons|individuals|children|adolescents|teenagers|women|men|mice|rats|animals|monkeys|volunteers|respondents|veterans|users|smokers|drinkers|students|cases|outpatients|inpatients|trials|studies)';

const FIGURE: Cue[] = [
  // 71%, 45 per cent, 12.5 percent.
  { re: /\d(?:[\d,.]*\d)?\s?(?:%|per ?cent\b)/i, label: 'a figure' },
  // Percentages in words: "Seventy-one percent", "forty per cent".
  { re: /\b(?:ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred)(?:[- ](?:one|two|three|four|five|six|seven|eight|nine))?\s+(?:per ?cent|percent)\b/i, label: 'a figure' },
  // "one in five participants", "3 in 10".
  { re: /\b(?:one|two|three|four|\d+)\s+in\s+(?:two|three|four|five|six|seven|eight|nine|ten|twenty|\d+)\b(?!\s+(?:weeks?|days?|months?|years?)\b)/i, label: 'a figure' },
  // Changes with a unit: "shortened sleep onset by about seven minutes", "by 4 kg".
  {
    re: /\bby\s+(?:about\s+|around\s+|roughly\s+|nearly\s+|almost\s+|only\s+|just\s+|up to\s+|over\s+|a mean of\s+|an average of\s+)?(?:\d+(?:\.\d+)?|one|two|three|four|five|six|seven|eight|nine|ten|twelve|fifteen|twenty|thirty|forty|fifty)\s+(?:minutes?|hours?|days?|weeks?|months?|years?|points?|kg|kilograms?|pounds|lbs?|mmHg|mg|ml|cm|beats|steps|units)\b/i,
    label: 'a figure',
  },
  // "double the 1 mg group", "by about a third", "in half".
  { re: /\b(?:double|twice|triple|half|three times|four times)\s+(?:that of|the|those of)\b|\bby\s+(?:about\s+|around\s+|roughly\s+|nearly\s+|almost\s+|more than\s+)?(?:a third|a quarter|half|two[- ]thirds|three[- ]quarters)\b|\bin half\b/i, label: 'a figure' },
  // n = 24, p < 0.05.
  { re: /\b[nN]\s*=\s*\d[\d,]*/, label: 'a figure' },
  { re: /\b[pP]\s*(?:[<>=\u2264\u2265]|&lt;|&gt;)\s*(?:0?\.\d+|\d)/, label: 'a figure' },
  // Effect sizes: d = 0.8, OR 1.5, HR = 0.7, "odds ratio", "95% CI".
  { re: /\b(?:Cohen's\s+d|Hedges'?\s+g|SMD|OR|RR|HR|IRR|NNT|AUC|WMD)\s*(?:=|:|\u2248|of)?\s*[-\u2212]?\d/, label: 'a figure' },
  { re: /\b[dgr]\s*=\s*[-\u2212]?\d/, label: 'a figure' },
  { re: /\b(?:odds|hazard|risk) ratios?\b|\brelative risk\b|\bconfidence intervals?\b|\bnumber needed to treat\b|\bstandardi[sz]ed mean difference\b/i, label: 'a figure' },
  { re: /\beffect sizes?\b[^.;]{0,30}?\d|\beffect sizes?\s+(?:was|were|is|are)\s+(?:\w+\s+)?(?:large|small|moderate|medium|modest)\b/i, label: 'a figure' },
  // "in 12 of 20 patients", "3 out of 10".
  { re: /\b\d[\d,]*\s+(?:of|out of)\s+(?:the\s+|all\s+)?\d[\d,]*\b/i, label: 'a figure' },
  // Counts of people or studies: "233 participants", "12 adult patients" (not a year before a noun phrase).
  { re: new RegExp(`\\b\\d[\\d,]*\\s+${POPULATION}\\b`, 'i'), label: 'a figure' },
  { re: new RegExp(`\\b(?!(?:19|20)\\d\\d\\b)\\d[\\d,]*\\s+(?:[\\w-]+\\s+){1,2}?${POPULATION}\\b`, 'i'), label: 'a figure' },
  // Score changes: "19.1 points", "5 percentage points".
  { re: /\b\d+(?:\.\d+)?\s+(?:percentage\s+)?points?\b/i, label: 'a figure' },
  // Multiples: "four times larger", "2-fold", "twice as likely" (not "three times a week").
  {
    re: /\b(?:\d+(?:\.\d+)?|two|three|four|five|six|seven|eight|nine|ten|twenty|hundred)[- ]?(?:times|fold)\b(?!\s+(?:a|per|each|daily|weekly)\b)|\b(?:twice|half) as\b/i,
    label: 'a figure',
  },
  // Rates: "response rates of", "remission rate was".
  {
    re: /\b(?:response|remission|relapse|dropout|drop-out|attrition|adherence|success|survival|mortality|prevalence|incidence|recovery|abstinence|completion|cure|failure|discontinuation) rates?\s+(?:of|was|were|is|are|reached|fell|rose|dropped|increased|decreased|doubled|halved|above|below|around|near)\b/i,
    label: 'a figure',
  },
  { re: /\b(?:mean|median|average)\s+(?:[\w-]+\s+){0,4}?(?:of|was|were|is|are|=|fell|rose|dropped)\s+(?:about\s+|around\s+|approximately\s+)?[-\u2212]?\d/i, label: 'a figure' },
];

const COMPARISON: Cue[] = [
  // Superlatives about the evidence: "the most common adverse events", "the first … to show".
  { re: /\bthe\s+(?:most|least)\s+(?:common(?:ly reported)?|frequent(?:ly reported)?|effective|widely used|studied|consistent)\b|\bthe\s+(?:first|only)\s+(?:[\w-]+\s+){0,8}?to\s+(?:show|demonstrate|reduce|improve|produce|achieve|find|report)\b/i, label: 'a comparison' },
  // A comparative with its target: "more effective than", "more with 25 mg than with 1 mg".
  {
    re: /\b(?:more|less|better|worse|greater|larger|smaller|higher|lower|faster|slower|stronger|weaker|safer|riskier|longer|shorter|bigger|fewer|quicker|cheaper)\b(?:\s+[\w%.-]+){0,5}?\s+than\b/i,
    label: 'a comparison',
  },
  { re: /\b(?:superior|inferior|non-inferior|noninferior)\s+to\b/i, label: 'a comparison' },
  // "had fewer ear infections", "have a higher risk"; "preferred the oral form to injections".
  { re: /\b(?:had|have|has)\s+(?:(?:a|an|\w+ly|much|far|slightly)\s+)?(?:fewer|lower|higher|greater|smaller|larger|better|worse)\s+[\w-]+/i, label: 'a comparison' },
  { re: /\bpreferred\s+(?:[\w-]+\s+){1,4}?(?:to|over)\b/i, label: 'a comparison' },
  // A comparative predicate with its setting: "adherence was lower among older participants", "dropout was highest in month 1".
  {
    re: /\b(?:is|are|was|were|became|becomes|remained|grew|grown|got|become)\s+(?:(?:\w+ly|much|even|slightly|far|no|consistently)\s+)?(?:higher|lower|greater|larger|smaller|better|worse|stronger|weaker|faster|slower|highest|lowest|greatest|largest|smallest|best|worst|strongest|weakest|more common|less common|more frequent|less frequent)\b(?=\s+(?:in|among|with|for|after|at|during|when|over|under|on|across|if|once|over time)\b|\s*[,.;]|\s*$)/i,
    label: 'a comparison',
  },
  { re: /\bas\s+(?:effective|efficacious|good|safe|fast|quickly|strong|potent|large|beneficial|durable|useful)\s+as\b|\bwork(?:s|ed)?\s+(?:much\s+|just\s+)?(?:better|worse|faster|as well as)\b/i, label: 'a comparison' },
  { re: /\boutperform(?:s|ed|ing)?\b|\bbeats?\b|\bbeaten\b/i, label: 'a comparison' },
  // "compared with placebo" (not "compared with the first draft").
  {
    re: /\bcompared\s+(?:with|to|against)\s+(?!(?:[\w-]+\s+){0,3}?(?:draft|version|note|notes|section|edition|chapter|outline|list)\b)[\w-]+/i,
    label: 'a comparison',
  },
];

const EVIDENTIAL: Cue[] = [
  // "research has shown", "studies suggest", "evidence indicates", "data show", "trials have found".
  {
    re: /\b(?:research|studies|evidence|data|trials|literature|experiments|analyses|meta-analyses|reviews|findings|observations|surveys|investigations|science|scientists|researchers|experts|doctors|clinicians|neuroscientists|psychiatrists)\s+(?:(?:from|in|on|of|with|across|among|over|since|to date|so far|published)\s+(?:[\w-]+\s+){0,4}?)?(?:(?:has|have|had)\s+)?(?:(?:\w+ly|also|now)\s+)?(?:shown|show|shows|showed|suggest|suggests|suggested|indicate|indicates|indicated|demonstrate|demonstrates|demonstrated|found|find|finds|confirm|confirms|confirmed|support|supports|supported|points? to|pointed to|establish(?:es|ed)?|reveal|reveals|revealed|discover|discovered|discovers|say|says|said|claim|claims|believe|report|reports|reported|agree|agrees)\b/i,
    label: 'an evidential statement',
  },
  { re: /\bthere\s+(?:is|are|was|has been)\s+(?:[\w-]+\s+){0,2}?(?:evidence|data|proof|support|consensus|agreement)\s+(?:that|for|of|from)\b/i, label: 'an evidential statement' },
  {
    re: /\b(?:is|are|was|were|has been|have been|had been)\s+(?:\w+ly\s+)?(?:known|shown|demonstrated|proven|proved|found|reported|thought|believed|established|documented|confirmed|observed|estimated|said)\s+(?:to|that)\b/i,
    label: 'an evidential statement',
  },
  // "The effects were seen within a week."
  { re: /\b(?:was|were)\s+(?:\w+ly\s+)?(?:seen|observed|noted|detected)\s+(?:in|within|after|at|from|by|only|across|among)\b/i, label: 'an evidential statement' },
  { re: /\bit\s+is\s+(?:(?:now|well|widely|generally|commonly)\s+)*(?:known|established|accepted|recogni[sz]ed|documented|understood|agreed)\s+that\b/i, label: 'an evidential statement' },
  { re: /\b(?:well|widely|firmly)[- ](?:established|known|documented|recogni[sz]ed|replicated)\b/i, label: 'an evidential statement' },
  { re: /\bbacks?\s+(?:it|this|that|them)\s+up\b|\bbacked up by\b|\bhave\s+(?:now\s+)?discovered\b|\baccording to\b|\b(?:proves?|proved|proven)\b|\b(?:we|science)\s+(?:now\s+)?knows?\s+that\b/i, label: 'an evidential statement' },
];

const HEDGED: Cue[] = [
  // "may reduce", "could also improve", "might not work", "can cause".
  {
    re: new RegExp(`\\b(?:may|might|could|can)\\s+(?:(?:\\w+ly|also|even|themselves|itself|not|well|still|help(?:\\s+to)?)\\s+)?${BASE_VERB}\\b`, 'i'),
    label: 'a hedged result',
  },
  // "appears to improve", "seems to be effective" (not "appears to be a typo").
  { re: /\b(?:appears?|appeared|seems?|seemed|tends?|tended)\s+to\s+(?!me\b|be\s+(?:a|an|the|no|some)\b)[a-z]+/i, label: 'a hedged result' },
  { re: new RegExp(`\\b(?:is|are|was|were)\\s+(?:\\w+ly\\s+)?likely\\s+to\\s+${BASE_VERB}\\b`, 'i'), label: 'a hedged result' },
];

const CAUSAL: Cue[] = [
  { re: /\b(?:causes|caused|causing|cause)\b(?!\s+(?:of|for)\b)(?<!\b(?:the|a|one|main|root|likely|possible|probable)\s+cause)/i, label: 'a causal statement' },
  { re: /\b(?:leads?|led|leading)\s+to\b|\bplays?\s+(?:a|an)\s+(?:[\w-]+\s+){0,2}?role\b/i, label: 'a causal statement' },
  { re: /(?<!\b(?:the|these|those|its|their|our|my|of|trial|study|similar)\s)\bresult(?:s|ed)?\s+in\b/i, label: 'a causal statement' },
  {
    re: /\b(?:triggers?|triggered|induces?|induced|drives|drove|mediates?|mediated|underlies|underlay|contribute[sd]?\s+to|(?:is|are|was|were)\s+(?:(?:largely|partly|mainly|entirely|probably|likely)\s+)?(?:responsible for|due to|attributable to|attributed to|driven by|caused by|explained by))\b(?!-)/i,
    label: 'a causal statement',
  },
];

const RESULT: Cue[] = [
  // Result verbs in the past or third person (not adjectives such as "reduced-dose").
  {
    re: /\b(?:found(?!\s+(?:in|on|at|among|throughout|naturally|only)\b)|finds|showed|shows|shown|demonstrated|demonstrates|reported|observed|observes|reduced|reduces|increased|increases|improved|improves|decreased|decreases|lowered|lowers|raised|raises|produced|produces|predicted|predicts|doubled|doubles|tripled|halved|halves|alleviated|alleviates|relieved|relieves|eased|eases|worsened|worsens|boosted|boosts|enhanced|enhances|prevented|prevents|protected|protects|cured|cures|healed|heals|reversed|reverses|restored|restores|normali[sz]ed|normali[sz]es|elicited|elicits|yielded|yields|responded|remitted|relapsed|recovered|fell|rose|risen|fallen|declined|declines|benefited|benefitted|inflated|inflates|impaired|impairs|affects|altered|alters|modulated|modulates|promoted|promotes|exceeded|exceeds|achieved|achieves|succeeded|concluded|replicated|revealed|reveals|suggests|indicates|rewires|rewired|resets|regrows|regrew|lifted|lifts|quiets|quieted|quietens|calms|calmed|blocks|blocked|blunts|blunted|dampens|dampened|shrank|shrinks|shrunk|preceded|precedes|reached|reaches|helped|fails|discovered|experienced|speeds|sped|slows|slowed|accelerates|accelerated|delays|delayed|disappeared|vanished|emerged|shortened|lengthened)\b(?!-)/i,
    label: 'a result',
  },
  { re: /\b(?:associated|linked|correlated)\s+(?:with|to)\b|\blinks\s+(?:[\w-]+\s+){1,4}?(?:to|with)\b|\bpredictive of\b|\bdropped\s+(?:by|from|to)\b|\bfailed to\b|\bseparated from\b|\bdiffer(?:s|ed)?\s+(?:significantly\s+)?(?:from|between)\b|\bdid not differ\b/i, label: 'a result' },
  // Effects that last: "benefits persisted for 12 months" (not "sessions lasted eight hours").
  { re: /\b(?:effects?|benefits?|improvements?|responses?|remissions?|reductions?|changes?|gains?|relief)\s+(?:[\w-]+\s+){0,4}?(?:lasted|lasts|persisted|persists|endured|endures|faded|fades|wore off)\b/i, label: 'a result' },
  // Verbs that need a particle or object to be results: "works by", "acts within hours", "helps smokers".
  {
    re: /\bworks?\s+(?:by|where|after|within|for|in|better|faster|as|well|quickly|rapidly)\b|\bacts?\s+(?:on|within|via|through|at|by|quickly|rapidly|as)\b|\bhelps\b(?!\s+(?:to|me|us)\b)|\bbenefits\s+(?:both|the|all|most|many|patients|people|children|students|those|them|women|men|adults)\b|\bw(?:ears?|ore)\s+off\b|\bcut\s+(?:[\w-]+\s+){0,3}?(?:in half|by)\b|\b(?:got|gets?|felt|feels?)\s+(?:much\s+|a lot\s+)?(?:better|worse|relief)\b|\bresolved\s+(?:within|after|without|spontaneously)\b|\b(?:is|are|was|were)\s+(?:\w+ly\s+)?(?:converted|metaboli[sz]ed|absorbed|excreted|broken down)\b/i,
    label: 'a result',
  },
  // Negative results: "did not predict response", "does not differ".
  { re: /\b(?:did|does|do|didn't|doesn't)\s+not\s+(?:\w+ly\s+)?(?:predict|differ|change|improve|affect|alter|reduce|increase|decrease|separate|show|find|worsen|prevent|cause|produce|respond|raise|lower|shorten|lengthen|help|benefit|harm|work|matter|protect|slow|speed|last|persist|outperform|exceed|cut)\b|\b(?:didn't|doesn't)\s+(?:predict|differ|change|improve|affect|alter|reduce|increase|decrease|separate|show|find|worsen|prevent|cause|produce|respond)\b/i, label: 'a result' },
  // Properties: "has good inter-rater reliability", "has no measurable psychoactive effect".
  {
    re: /\b(?:has|have|had)\s+(?:(?:no|little|a|an|the|good|high|low|poor|excellent|strong|weak|limited|very|large|small|moderate|lasting|significant)\s+){1,3}(?:[\w-]+\s+){0,2}?(?:reliability|validity|potential|risk|affinity|toxicity|half-life|bioavailability|efficacy|effect|effects|benefit|impact|influence)\b/i,
    label: 'a result',
  },
  // Empirical states after a copula: "adverse events were mostly mild", "bad trips are rare", "scores were similar".
  {
    re: /\b(?:is|are|was|were|became|remained|remains)\s+(?:(?:\w+ly|not|also|still|both|all)\s+)?(?:evident|apparent|detectable|noticeable|common|rare|uncommon|frequent|infrequent|mild|severe|transient|short-lived|durable|similar|comparable|unchanged|elevated|negligible|modest|substantial)\b(?!\s+to\s+(?!those|that|the|placebo|baseline)\w)/i,
    label: 'a result',
  },
  { re: /\bno (?:significant |meaningful |clear |statistically significant )?(?:difference|effect|benefit|improvement|change|association)\b/i, label: 'a result' },
  {
    re: /\b(?:statistically\s+)?significant(?:ly)?\s+(?:[\w-]+\s+){0,2}?(?:differen\w*|effect\w*|reduc\w*|improv\w*|increas\w*|decreas\w*|chang\w*|benefit\w*|associat\w*|correlat\w*|lower|higher|greater|better|worse|more|less|fewer|below|above)\b|\b(?:was|were|is|are|not|remained|became|still|be)\s+(?:statistically\s+)?significant\b/i,
    label: 'a result',
  },
  {
    re: /\b(?:is|are|was|were|be|been|appears?|seems?|proved|remains?|remained)\s+(?:(?:highly|very|not|less|more|equally|similarly|also|still|clearly|consistently|generally|broadly|both|largely|reasonably|well)\s+)?(?:safe|effective|efficacious|ineffective|well[- ]tolerated|harmful|toxic|addictive|beneficial)\b(?!\s+to\b)/i,
    label: 'a result',
  },
];

// Weakest figure cue last, so "reduced … in most patients" is described as a result.
const PROPORTION: Cue[] = [
  // "most of the benefit", "half of the improvement".
  { re: /\b(?:most|half|much|all|little)\s+of\s+the\s+(?:benefit|effect|improvement|change|reduction|gain|difference|response|variance|increase|decrease)\b/i, label: 'a figure' },
  // Proportions of a population: "most patients", "half of the participants".
  {
    re: /\b(?:(?:only\s+)?(?:a|the)\s+minority|most|half|the majority|a majority|a third|two[- ]thirds|a quarter|three[- ]quarters|nearly all|almost all|virtually all)\s+(?:of\s+)?(?:the\s+|these\s+|those\s+|all\s+)?(?:patients|participants|subjects|people|adults|users|respondents|volunteers|individuals|children|women|men)\b/i,
    label: 'a figure',
  },
];

const POSITIVE: Cue[] = [...FIGURE, ...COMPARISON, ...EVIDENTIAL, ...HEDGED, ...CAUSAL, ...RESULT, ...PROPORTION];

// ---------------------------------------------------------------------------------------------
// Weak negative cues: they veto a candidate claim (a figure survives a definition or signpost).

interface WeakCue extends Cue {
  /**
   * What keeps the sentence a claim despite this cue: a figure (unless it is a threshold, which
   * belongs to a definition), an explicit evidential phrase, or nothing.
   */
  overriddenBy?: 'figure' | 'evidence';
}

/** A threshold ("at least 50%", "10 or less", "≥ 50%") is part of a definition, not a result. */
const THRESHOLD =
  /\b(?:at least|at most|or more|no more than|no less than|more than|less than|fewer than|greater than|above|below|under|over)\s+(?:an?\s+)?\d|\d[\d.]*\s?%?\s+(?:points?\s+)?or\s+(?:more|less|fewer|greater|higher|lower|above|below)\b|[\u2265\u2264<>]\s*\d/i;

const WEAK_NEGATIVE: WeakCue[] = [
  // "we used", "I extracted" in the middle of a sentence ("Where a trial reported several time points, we used…").
  {
    re: /\b(?:we|I)\s+(?:then\s+|also\s+|only\s+|always\s+)?(?:used|searched|included|excluded|screened|extracted|selected|chose|took|counted|coded|pooled|combined|defined|classified|rated|assessed|reviewed|considered|restricted|limited|focused|kept|dropped|contacted|calculated|computed|converted|summari[sz]ed|grouped|sorted|adopted|applied|preferred|picked|report|present|treat|treated)\b/,
    label: 'method',
    overriddenBy: 'evidence',
  },
  // Speculation about the future, open questions, recommendations.
  {
    re: /\b(?:will|shall|should|ought to)\b|\b(?:needs?|needed) to be\b|\bremains? to be\b|\b(?:is|are|remains?|was|were)\s+(?:still\s+|also\s+)?(?:an?\s+)?(?:open (?:question|issue|problem)|unclear|unknown|uncertain|untested|unresolved|not (?:yet )?(?:known|clear|established))\b|\bit is (?:not (?:yet )?(?:clear|known)|unclear|unknown|uncertain)\b|^whether\b|\b(?:would|might) be (?:useful|worth|interesting|good|helpful|needed|valuable|important|informative|nice)\b|\bfuture (?:trials|studies|research|work|reviews)\b|\bin the future\b|\bworth (?:checking|testing|exploring|investigating|asking)\b/i,
    label: 'speculation',
  },
  // Definitions of terms.
  {
    re: /\b(?:is|are|was|were)\s+(?:(?:usually|commonly|typically|often|generally|conventionally|here|formally|operationally|traditionally|variously|broadly|narrowly|loosely|strictly|also|both)\s+)?(?:defined|operationali[sz]ed|understood|classified|known)\s+as\b|\brefers?\s+to\b|\b(?:means|denotes|stands for|is shorthand for)\b|\bis (?:a|an|the) (?:term|word|name|label|abbreviation|acronym) (?:for|used)\b|\bby definition\b|\bdefinitions? of\b/i,
    label: 'definition',
    overriddenBy: 'figure',
  },
  // A class definition with a generic subject: "A psychedelic is a drug that alters perception."
  { re: /^(?:an?|the term)\s+"?[\w-]+"?(?:\s+[\w-]+)?\s+(?:is|means)\s+(?:an?|any)\s+[\w-]+(?:\s+[\w-]+)?\s+(?:that|which|who|whose|used|in which)\b/i, label: 'definition', overriddenBy: 'figure' },
  // A topic, not an assertion: "what the trials actually found", "whether studies show".
  { re: /\b(?:what|whether|how|why)\s+(?:[\w-]+\s+){0,4}?(?:found|find|finds|show|shows|showed|say|says|said|suggest|suggests|reported)\b/i, label: 'topic' },
  // Signposts: "The trial is described below.", "Table 1 lists the designs."
  {
    re: /\b(?:is|are|was|were)\s+(?:\w+\s+)?(?:described|listed|summari[sz]ed|discussed|shown|given|tabulated|outlined|covered|detailed|presented|set out|collected)\s+(?:below|above|later|next|here|in (?:the )?(?:table|section|appendix|figure|fig|next|following|previous|notes?)|in \S+\.md)\b|\b(?:table|figure|fig\.?|chart|graph|appendix|section|box)\s*\w{0,4}\s+(?:shows?|lists?|summari[sz]es|gives|sets out|collects|presents)\b|\bthe following\b|\bas (?:shown|described|listed|discussed|noted|summari[sz]ed) (?:below|above|in (?:the )?(?:table|section|figure|appendix))\b/i,
    label: 'signpost',
    overriddenBy: 'figure',
  },
  { re: /\barguably\b/i, label: 'opinion', overriddenBy: 'figure' },
  // Reporting conventions: "Effect sizes are reported as standardised mean differences."
  { re: /\b(?:is|are)\s+(?:\w+ly\s+)?(?:reported|presented|expressed|given|shown|coded|scored)\s+as\b/i, label: 'convention' },
];

function describe(label: string, match: string): string {
  const m = match.replace(SPACES, ' ').trim();
  return `${label} (${m.length > 40 ? m.slice(0, 40).trimEnd() + '…' : m})`;
}

function firstMatch(cues: Cue[], t: string): { cue: Cue; text: string } | undefined {
  for (const cue of cues) {
    const m = cue.re.exec(t);
    if (m) return { cue, text: m[0] };
  }
  return undefined;
}

/** Whether one sentence, on its own, is an empirical assertion that needs a citation. */
export function classifySentence(text: string): ClaimVerdict {
  return classifyClean(clean(text));
}

// Verdicts by cleaned sentence text (they depend on nothing else): after an edit only the changed
// sentences run the cue patterns again. Bounded; nothing invalidates an entry.
const verdicts = new LruCache<string, ClaimVerdict>(10000);

function classifyClean(t: string): ClaimVerdict {
  let verdict = verdicts.get(t);
  if (!verdict) {
    // Read from a copy, so the verdict's quoted cue does not keep the whole note alive in the cache.
    const copy = own(t);
    verdicts.set(copy, (verdict = classifyUncached(copy)));
  }
  return verdict;
}

function classifyUncached(t: string): ClaimVerdict {
  if (countWords(t) < MIN_WORDS) return { claim: false, reason: 'too short' };

  const negative = firstMatch(STRONG_NEGATIVE, t);
  if (negative) return { claim: false, reason: describe(negative.cue.label, negative.text) };

  const positive = firstMatch(POSITIVE, t);
  if (!positive) return { claim: false, reason: 'no claim cue' };

  for (const weak of WEAK_NEGATIVE) {
    const m = weak.re.exec(t);
    if (!m) continue;
    if (weak.overriddenBy === 'figure' && !THRESHOLD.test(t) && firstMatch(FIGURE, t)) continue;
    if (weak.overriddenBy === 'evidence' && firstMatch(EVIDENTIAL, t)) continue;
    return { claim: false, reason: describe(weak.label, m[0]) };
  }
  return { claim: true, reason: describe(positive.cue.label, positive.text) };
}

// ---------------------------------------------------------------------------------------------
// Coverage across sentences.

/** Connectives and time phrases a continuing sentence may open with before its subject. */
const LEAD = new RegExp(
  '^(?:(?:in addition|additionally|also|moreover|furthermore|however|but|and|yet|still|similarly|likewise|in contrast|by contrast|conversely|nevertheless|nonetheless|overall|notably|importantly|interestingly|again|later|subsequently|then|thus|so|hence|therefore|in particular|in total|in sum|in short|' +
    'at (?:week|month|day|year)s? \\d+|at \\d+ (?:weeks?|months?|days?|years?)|at (?:the )?(?:end of (?:treatment|the trial|the study)|follow[- ]up|baseline|endpoint|[\\w-]+ (?:weeks?|months?|years?))|' +
    'after (?:[\\w-]+ ){0,2}(?:weeks?|months?|days?|years?|sessions?|doses?|treatment)|by (?:week|month|day) \\d+|on (?:its|their|the) (?:primary|secondary) outcomes?|' +
    'for (?:both|each|this|that|these|those) [\\w-]+),?\\s+)+',
  'i',
);

/** Subjects (after any LEAD) that refer back to the study just cited. */
const ANAPHOR = new RegExp(
  '^(?:(?:they|it|this|these|those|that|its|their|both|each|neither|either|he|she|his|her)\\b' +
    '|the (?:same|latter|former)\\b' +
    '|(?:the|this|that|these|those|both|each) (?:[\\w-]+\\s+){0,2}?(?:trials?|stud(?:y|ies)|authors?|team|researchers|investigators|papers?|reports?|analys[ie]s|cohort|sample|participants|patients|subjects|volunteers|groups?|arms?|results?|findings?|data|effects?|drug|intervention|treatment|follow-up|experiments?|reviews?|meta-analys[ie]s|outcomes?|doses?|measures?|scores?|response|remission|rates?|differences?|improvements?|reductions?|changes?|benefits?|adverse events|side effects|figures?|numbers?|mice|rats|animals|sessions?|protocol|design|control|placebo|comparison|sponsor|article|headline)(?:\'s)?\\b' +
    '|participants\\b' +
    '|(?:among|of|in|for) (?:them|these|those|whom)\\b' +
    '|in (?:this|that|the same|both|each|these|those|either) (?:[\\w-]+ )?(?:trials?|stud(?:y|ies)|cohort|sample|analys[ie]s|experiments?|papers?|reports?)\\b' +
    '|\\d+(?:\\.\\d+)?%\\s)',
  'i',
);

/** A time point of the study just cited opens the sentence: "Before the crossover, …", "At week 4, …". */
const STUDY_TIME =
  /^(?:before|after|during|at|by|until|within|over|from)\s+(?:the\s+)?(?:crossover|cross-over|sessions?|dosing|treatment|end of (?:treatment|the trial|the study|follow-up)|follow-up|baseline|(?:first|second|last|final) (?:session|dose|visit)|primary endpoint|endpoint|(?:week|day|month)\s+\d+|\d+\s+(?:weeks?|months?|days?|years?)|(?:two|three|four|five|six|twelve)\s+(?:weeks?|months?))\b/i;

/** "the same cohort", "this trial", "its participants" anywhere in the sentence also continue the subject. */
const SAME_SUBJECT =
  /\b(?:the same|this|that|these|those)\s+(?:trials?|stud(?:y|ies)|cohort|team|participants|patients|sample|authors|group|arms?|paper|report)\b|\b(?:its|their)\s+(?:participants|patients|sample|authors|cohort|arms?|results|findings|primary outcome|follow-up)\b|\bthe\s+(?:[\w-]+\s+){0,2}?(?:arms?|groups?)\b/i;

/** Openings (after any LEAD) that introduce a new subject and break inheritance. */
const NEW_SUBJECT =
  /^(?:another\b|other (?:studies|trials|work|research)\b|one (?:other )?(?:study|trial)\b|unlike\b|elsewhere\b|meanwhile\b|separately\b|in (?:mice|rats|animals|vitro|cells|monkeys|primates|healthy volunteers|humans|people|children|adolescents)\b|(?:in )?an? (?:[\w-]+ ){0,3}?(?:study|trial|analysis|review|meta-analysis|survey|experiment|cohort|report|paper)\b)/i;

/** A cited next sentence that says where the previous one comes from: "This was shown in two trials [1, 2]." */
const SOURCE_FOLLOWS =
  /^(?:(?:see|cf\.?)\b|sources?:|as (?:shown|reported|found) (?:by|in)\b|(?:this|these|that|both|the (?:finding|result|effect|claim|figure)s?)\b[^.]{0,40}?\b(?:was|were|has been|have been|is|are|comes?|came)\s+(?:\w+ly\s+)?(?:shown|reported|found|seen|observed|demonstrated|confirmed|replicated|documented|from|based on|taken from)\b)/i;

/** The writer names the source in prose ("Davis and colleagues", "Smith et al. (2020)"); claim.implicit-citation reports it. */
const NAMED_SOURCE =
  /\b\p{Lu}[\p{L}'-]+(?:\s+(?:and|&)\s+\p{Lu}[\p{L}'-]+)?\s+(?:and\s+(?:colleagues|co-?workers|co-?authors|collaborators|team)|et\s+al\.?)|\b\p{Lu}[\p{L}-]+'s\s+(?:team|group|lab|study|trial|paper|report)\b|\(\s*\p{Lu}[\p{L}'-]+(?:\s+et al\.?|\s+(?:and|&)\s+\p{Lu}[\p{L}'-]+)?,?\s+(?:19|20)\d\d[a-z]?\s*\)|\b\p{Lu}[\p{L}'-]+\s+\((?:19|20)\d\d[a-z]?\)/u;

function continuesSubject(t: string): boolean {
  const rest = t.replace(LEAD, '');
  if (NEW_SUBJECT.test(rest)) return false;
  return ANAPHOR.test(rest) || STUDY_TIME.test(t) || SAME_SUBJECT.test(t);
}

function snippet(t: string): string {
  const flat = t.replace(SPACES, ' ').trim();
  if (flat.length <= 60) return flat;
  let cut = flat.slice(0, 60);
  const space = cut.lastIndexOf(' ');
  if (space > 40) cut = cut.slice(0, space);
  return cut.replace(/[\s,;:.\u2013\u2014-]+$/, '') + '…';
}

/**
 * One claim.unsupported per claim sentence that no citation covers. A sentence is covered by a
 * citation in it (or right after its full stop), by continuing the subject of a covered sentence
 * just before it in the same block ("They also…", "The trial…"), or by a cited next sentence that
 * names its source ("This was shown in two trials [1, 2]."). Sentences that name their source in
 * prose ("Davis and colleagues reported…") are left to claim.implicit-citation.
 */
export function checkUnsupportedClaims(note: ParsedNote): Finding[] {
  const out: Finding[] = [];
  const sentences = note.sentences;
  let block = -1;
  // Whether the sentences so far in this block carry a source a continuing sentence can inherit.
  let chain = false;
  for (let i = 0; i < sentences.length; i++) {
    const s = sentences[i];
    if (s.block !== block) {
      block = s.block;
      chain = false;
    }
    if (s.citations.length > 0) {
      chain = true;
      continue;
    }
    // Headings, table cells, quotations and reference lists are never reported (a block is all one kind).
    const b = note.blocks[s.block];
    if (b === undefined || b.kind !== 'paragraph' || b.inQuote || b.inReferenceList) continue;
    const t = clean(s.text);
    if (chain && continuesSubject(t)) continue;

    const verdict = classifyClean(t);
    if (!verdict.claim) {
      // A remark in between ("In my view this is plausible.") keeps the chain unless it changes subject.
      if (NEW_SUBJECT.test(t.replace(LEAD, ''))) chain = false;
      continue;
    }
    if (NAMED_SOURCE.test(t)) {
      chain = true; // left to claim.implicit-citation; "They also…" after it refers to the named study
      continue;
    }
    const next = sentences[i + 1];
    if (next && next.block === s.block && next.citations.length > 0 && SOURCE_FOLLOWS.test(clean(next.text))) {
      chain = true;
      continue;
    }
    chain = false;
    out.push(
      finding(
        'claim.unsupported',
        note.file,
        s.range,
        `Claim has no citation: "${snippet(s.text)}" states ${verdict.reason}. Cite the study that supports it.`,
        { data: { cue: verdict.reason } },
      ),
    );
  }
  return out;
}
