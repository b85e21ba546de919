// Character tables for LaTeX decoding. Taken from citation-js plugin-bibtex 0.7 (MIT, input/unicode.json)
// so both decoders agree; the additions after each table fill gaps citation-js leaves (see convert.ts).

/** Accent commands to the combining character they put on the next letter. */
export const DIACRITICS: Record<string, string> = {"`":"\u0300","'":"\u0301","^":"\u0302","~":"\u0303","=":"\u0304","u":"\u0306",".":"\u0307","\"":"\u0308","r":"\u030a","H":"\u030b","v":"\u030c","b":"\u0332","d":"\u0323","c":"\u0327","k":"\u0328","t":"\u0361","textcommabelow":"\u0326"};

/** Text-mode commands without an argument. */
export const COMMANDS: Record<string, string> = { ...{"textquotesingle":"'","textasciigrave":"`","textquotedbl":"\"","textdollar":"$","textless":"<","textgreater":">","textbackslash":"\\","textasciicircum":"^","textunderscore":"_","textbraceleft":"{","textbar":"|","textbraceright":"}","textasciitilde":"~","textexclamdown":"\u00a1","textcent":"\u00a2","textsterling":"\u00a3","textcurrency":"\u00a4","textyen":"\u00a5","textbrokenbar":"\u00a6","textsection":"\u00a7","textasciidieresis":"\u00a8","textcopyright":"\u00a9","textordfeminine":"\u00aa","guillemetleft":"\u00ab","guillemotleft":"\u00ab","textlnot":"\u00ac","textregistered":"\u00ae","textasciimacron":"\u00af","textdegree":"\u00b0","textpm":"\u00b1","texttwosuperior":"\u00b2","textthreesuperior":"\u00b3","textasciiacute":"\u00b4","textmu":"\u00b5","textparagraph":"\u00b6","textperiodcentered":"\u00b7","textonesuperior":"\u00b9","textordmasculine":"\u00ba","guillemetright":"\u00bb","guillemotright":"\u00bb","textonequarter":"\u00bc","textonehalf":"\u00bd","textthreequarters":"\u00be","textquestiondown":"\u00bf","AE":"\u00c6","DH":"\u00d0","texttimes":"\u00d7","O":"\u00d8","TH":"\u00de","ss":"\u00df","ae":"\u00e6","dh":"\u00f0","textdiv":"\u00f7","o":"\u00f8","th":"\u00fe","DJ":"\u0110","dj":"\u0111","i":"\u0131","IJ":"\u0132","ij":"\u0133","L":"\u0141","l":"\u0142","NG":"\u014a","ng":"\u014b","OE":"\u0152","oe":"\u0153","textflorin":"\u0192","j":"\u0237","textasciicaron":"\u02c7","textasciibreve":"\u02d8","textacutedbl":"\u02dd","textgravedbl":"\u02f5","texttildelow":"\u02f7","textbaht":"\u0e3f","SS":"\u1e9e","textcompwordmark":"\u200c","textendash":"\u2013","textemdash":"\u2014","textbardbl":"\u2016","textquoteleft":"\u2018","textquoteright":"\u2019","quotesinglbase":"\u201a","textquotedblleft":"\u201c","textquotedblright":"\u201d","quotedblbase":"\u201e","textdagger":"\u2020","textdaggerdbl":"\u2021","textbullet":"\u2022","textellipsis":"\u2026","textperthousand":"\u2030","textpertenthousand":"\u2031","guilsinglleft":"\u2039","guilsinglright":"\u203a","textreferencemark":"\u203b","textinterrobang":"\u203d","textfractionsolidus":"\u2044","textlquill":"\u2045","textrquill":"\u2046","textdiscount":"\u2052","textcolonmonetary":"\u20a1","textlira":"\u20a4","textnaira":"\u20a6","textwon":"\u20a9","textdong":"\u20ab","texteuro":"\u20ac","textpeso":"\u20b1","textcelsius":"\u2103","textnumero":"\u2116","textcircledP":"\u2117","textrecipe":"\u211e","textservicemark":"\u2120","texttrademark":"\u2122","textohm":"\u2126","textmho":"\u2127","textestimated":"\u212e","textleftarrow":"\u2190","textuparrow":"\u2191","textrightarrow":"\u2192","textdownarrow":"\u2193","textminus":"\u2212","Hwithstroke":"\u0126","hwithstroke":"\u0127","textasteriskcentered":"\u2217","textsurd":"\u221a","textlangle":"\u2329","textrangle":"\u232a","textblank":"\u2422","textvisiblespace":"\u2423","textopenbullet":"\u25e6","textbigcircle":"\u25ef","textmusicalnote":"\u266a","textmarried":"\u26ad","textdivorced":"\u26ae","textinterrobangdown":"\u2e18","copyright":"\u00a9"}, aa: "\u00e5", AA: "\u00c5",
  // Ours: LaTeX's \slash, and the dash and backslash macros of TUGboat and Nelson Beebe's TeX
  // bibliographies (hundreds of titles in TeX Live's beebe/*.bib), which spelled their names.
  slash: '/', emdash: '\u2014', endash: '\u2013', Dash: '\u2014', bs: '\\',
  // LaTeX's own, which citation-js lacks (`\pounds` in the Bath styles' examples, GAP's manuals).
  pounds: '\u00a3', nobreakspace: '\u00a0' };

/**
 * TeX logos, spelled out. Ours: citation-js keeps `\TeX` as written, and an unknown command reads
 * a following `{}` as its argument, so `Bib\TeX{}` lost the logo. The space after one is kept, as
 * for an unknown command: `Bib\TeX and` means "BibTeX and", whatever TeX itself would set.
 */
export const LOGOS: Record<string, string> = {
  TeX: 'TeX', LaTeX: 'LaTeX', LaTeXe: 'LaTeX2\u03b5', BibTeX: 'BibTeX', XeTeX: 'XeTeX', XeLaTeX: 'XeLaTeX',
  LuaTeX: 'LuaTeX', LuaLaTeX: 'LuaLaTeX', pdfTeX: 'pdfTeX', pdfLaTeX: 'pdfLaTeX', ConTeXt: 'ConTeXt', AmS: 'AMS',
  AmSTeX: 'AMS-TeX', MF: 'METAFONT', MP: 'MetaPost',
};

/** Math commands (Greek letters) that citation-js also accepts outside math. */
export const MATH_COMMANDS: Record<string, string> = {"Gamma":"\u0393","Delta":"\u0394","Theta":"\u0398","Lambda":"\u039b","Xi":"\u039e","Pi":"\u03a0","Sigma":"\u03a3","Phi":"\u03a6","Psi":"\u03a8","Omega":"\u03a9","alpha":"\u03b1","beta":"\u03b2","gamma":"\u03b3","delta":"\u03b4","varepsilon":"\u03b5","zeta":"\u03b6","eta":"\u03b7","theta":"\u03b8","iota":"\u03b9","kappa":"\u03ba","lambda":"\u03bb","mu":"\u03bc","nu":"\u03bd","xi":"\u03be","pi":"\u03c0","rho":"\u03c1","varsigma":"\u03c2","sigma":"\u03c3","tau":"\u03c4","upsilon":"\u03c5","varphi":"\u03c6","chi":"\u03c7","psi":"\u03c8","omega":"\u03c9","vartheta":"\u03d1","Upsilon":"\u03d2","phi":"\u03d5","varpi":"\u03d6","varrho":"\u03f1","epsilon":"\u03f5"};

/**
 * Math symbols citation-js leaves as commands (`\le`, `\pm`, `\langle`), read in and out of math
 * since titles use them both ways; sizing commands (`\left`, `\big`) are dropped. Ours.
 */
export const MATH_SYMBOLS: Record<string, string> = {
  le: '\u2264', leq: '\u2264', ge: '\u2265', geq: '\u2265', ne: '\u2260', neq: '\u2260', ll: '\u226a', gg: '\u226b',
  leqslant: '\u2a7d', geqslant: '\u2a7e', lesssim: '\u2272', gtrsim: '\u2273',
  pm: '\u00b1', mp: '\u2213', times: '\u00d7', div: '\u00f7', cdot: '\u22c5', cdots: '\u22ef', ldots: '\u2026', dots: '\u2026',
  ast: '\u2217', star: '\u22c6', bullet: '\u2022', circ: '\u2218', degree: '\u00b0', prime: '\u2032',
  approx: '\u2248', sim: '\u223c', simeq: '\u2243', cong: '\u2245', equiv: '\u2261', propto: '\u221d',
  infty: '\u221e', partial: '\u2202', nabla: '\u2207', sum: '\u2211', prod: '\u220f', int: '\u222b', oint: '\u222e',
  to: '\u2192', rightarrow: '\u2192', leftarrow: '\u2190', gets: '\u2190', leftrightarrow: '\u2194', uparrow: '\u2191',
  downarrow: '\u2193', Rightarrow: '\u21d2', Leftarrow: '\u21d0', Leftrightarrow: '\u21d4', mapsto: '\u21a6',
  longrightarrow: '\u27f6', rightleftharpoons: '\u21cc', iff: '\u27fa', implies: '\u27f9',
  in: '\u2208', notin: '\u2209', ni: '\u220b', subset: '\u2282', subseteq: '\u2286', supset: '\u2283', supseteq: '\u2287',
  cup: '\u222a', cap: '\u2229', setminus: '\u2216', emptyset: '\u2205', varnothing: '\u2205', forall: '\u2200',
  exists: '\u2203', neg: '\u00ac', lnot: '\u00ac', wedge: '\u2227', land: '\u2227', vee: '\u2228', lor: '\u2228',
  oplus: '\u2295', otimes: '\u2297', perp: '\u22a5', parallel: '\u2225', mid: '\u2223', angle: '\u2220',
  triangle: '\u25b3', square: '\u25a1', checkmark: '\u2713', dagger: '\u2020', ddagger: '\u2021',
  hbar: '\u210f', ell: '\u2113', aleph: '\u2135', Re: '\u211c', Im: '\u2111', wp: '\u2118',
  langle: '\u27e8', rangle: '\u27e9', lbrace: '{', rbrace: '}', lbrack: '[', rbrack: ']', vert: '|', lvert: '|',
  rvert: '|', Vert: '\u2016', lceil: '\u2308', rceil: '\u2309', lfloor: '\u230a', rfloor: '\u230b', backslash: '\\',
  upmu: '\u03bc', micro: '\u00b5', ohm: '\u2126', celsius: '\u2103', permil: '\u2030', textperthousand: '\u2030',
  varkappa: '\u03f0', digamma: '\u03dd',
  left: '', right: '', middle: '', big: '', Big: '', bigg: '', Bigg: '', bigl: '', bigr: '', Bigl: '', Bigr: '',
  displaystyle: '', textstyle: '', scriptstyle: '', limits: '', nolimits: '',
  quad: '\u2003', qquad: '\u2003\u2003', enspace: '\u2002', enskip: '\u2002', thinspace: '\u2009', medspace: '\u205f',
  thickspace: '\u2004', negthinspace: '',
};

/** Math accents to their combining character (`\bar{1}` is 1̄), and text accents citation-js lacks. Ours. */
export const MATH_ACCENTS: Record<string, string> = {
  bar: '\u0304', overline: '\u0305', underline: '\u0332', hat: '\u0302', widehat: '\u0302', tilde: '\u0303',
  widetilde: '\u0303', vec: '\u20d7', dot: '\u0307', ddot: '\u0308', check: '\u030c', breve: '\u0306', acute: '\u0301',
  grave: '\u0300', mathring: '\u030a', textacutemacron: '\u0304\u0301', textgravemacron: '\u0304\u0300',
  textacutedbl: '\u030b', textdotbelow: '\u0323', textmacronbelow: '\u0331', textringbelow: '\u0325',
};
