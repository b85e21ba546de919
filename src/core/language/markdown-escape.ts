/**
 * Text for a markdown hover that renders as exactly that text. Backslash-escapes every ASCII
 * punctuation character (CommonMark allows escaping any of them), so no data can open a link,
 * an autolink (`https\:`), an HTML tag, emphasis or code; line breaks become spaces so data cannot
 * start a heading or list. Written by hand because VS Code's MarkdownString.appendText turns every
 * space into &nbsp;, which stops long titles from wrapping in the hover.
 */
export function escapeMarkdown(text: string): string {
  return text.replace(/\s+/g, ' ').replace(/[!-/:-@[-`{-~]/g, (c) => `\\${c}`);
}
