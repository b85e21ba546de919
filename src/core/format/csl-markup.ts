// CSL-JSON's rich text: citeproc-js reads a small set of HTML-like tags inside field values
// (<i>, <b>, <sup>, <sub>, and <span> with class="nocase", class="nodecor" or small caps), which
// our BibTeX reader writes for \textit, $^2$, case-protected braces and the like. Labels, hovers,
// messages and the tree show plain text. Only those exact tags are removed: anything else that
// looks like markup is the title's own text and stays (the views escape it).
const TAG = /<(i|b|sup|sub)>|<\/(i|b|sup|sub)>|<span (?:class="(?:nocase|nodecor)"|style="font-variant:\s*small-caps;?")>|<\/span>/g;

/** `text` without CSL's rich-text tags; a `</span>` goes only when it closes a span removed here. */
export function plainCslText(text: string): string {
  if (!text.includes('<')) return text;
  let spans = 0;
  return text.replace(TAG, (tag) => {
    if (tag === '</span>') {
      if (spans === 0) return tag;
      spans--;
      return '';
    }
    if (tag.startsWith('<span')) spans++;
    return '';
  });
}
