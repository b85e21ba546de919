// Where and how "Insert citation" writes a key, from the line around the cursor. Pure text
// rules so they can be tested without an editor.

export interface CitationInsert {
  /** Character offset in the line where the text goes. */
  at: number;
  text: string;
}

/** Characters after which a typed `@` starts a citation (pandoc needs no word character before it). */
const CITE_START = /(?:^|[\s[;(])@$/;

/**
 * - right after a typed `@` or `[@`: the key (and the `]` a fresh `[@` still lacks);
 * - inside an existing `[... @key ...]` group: `; @key` before its `]`;
 * - elsewhere: `[@key]` at the cursor.
 */
export function planCitationInsert(line: string, character: number, key: string): CitationInsert {
  const before = line.slice(0, character);
  const after = line.slice(character);
  if (CITE_START.test(before)) {
    const open = before.lastIndexOf('[');
    const inGroup = open >= 0 && !before.slice(open).includes(']') && /^[^[]*\]/.test(after);
    const closes = before.endsWith('[@') && !inGroup;
    return { at: character, text: key + (closes ? ']' : '') };
  }
  const open = before.lastIndexOf('[');
  const closeInAfter = after.search(/[[\]]/);
  if (open >= 0 && !before.slice(open).includes(']') && closeInAfter >= 0 && after[closeInAfter] === ']') {
    const close = character + closeInAfter;
    if (line.slice(open, close).includes('@')) return { at: close, text: `; @${key}` };
  }
  return { at: character, text: `[@${key}]` };
}
