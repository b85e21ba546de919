import type MarkdownIt from 'markdown-it';
import type { Services } from '../services';

/** The markdown preview's citation rendering (issue 4), returned from activate() as extendMarkdownIt. */
export function extendMarkdownIt(_services: Services): (md: MarkdownIt) => MarkdownIt {
  return (md) => md;
}
