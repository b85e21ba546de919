// The one place that loads citation-js and its plugins, so every parser and formatter shares
// a single registered instance.
import { Cite, logger, plugins, util } from '@citation-js/core';
import '@citation-js/plugin-bibtex';
import '@citation-js/plugin-ris';
import '@citation-js/plugin-csl';

export { Cite, plugins, util };

/**
 * Runs a citation-js input chain without building its `_graph` (which would copy the whole
 * input text into every entry). Throws whatever citation-js throws.
 */
export function citeParse(text: string, forceType: '@biblatex/text' | '@ris/file'): Record<string, unknown>[] {
  try {
    return plugins.input.chain(text, { forceType, generateGraph: false });
  } finally {
    // citation-js keeps every log line in memory for the life of the process; a long editor
    // session would grow it without bound.
    logger._log.length = 0;
  }
}
