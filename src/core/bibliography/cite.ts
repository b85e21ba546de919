// The one place that loads citation-js and its plugins, so every parser and formatter shares
// a single registered instance.
//
// Loaded on first use, not at import: reading and evaluating citation-js and its styles was most of
// the cost of loading the extension, and the extension host needs it only once an entry is
// formatted or a RIS file parsed. The build ships ./citation-js-bundle as dist/citation-js.js.
import type * as CiteCore from '@citation-js/core';

type Core = typeof CiteCore;
let core: Core | undefined;

function load(): Core {
  if (!core) {
    // A plain require inside a function is what esbuild leaves lazy; imports are hoisted.
    core = (require('./citation-js-bundle') as { core: Core }).core;
  }
  return core;
}

/** citation-js's plugin registry, loaded on first property access. */
export const plugins: Core['plugins'] = new Proxy({} as Core['plugins'], {
  get: (_target, property) => Reflect.get(load().plugins, property),
});

/** citation-js's Cite class, loaded on first `new` or property access. */
export const Cite: Core['Cite'] = new Proxy(function () {} as unknown as Core['Cite'], {
  construct: (_target, args) => new (load().Cite)(...(args as ConstructorParameters<Core['Cite']>)),
  get: (_target, property) => Reflect.get(load().Cite, property),
});

/** citation-js's utilities (CSL up- and downgrades), loaded on first property access. */
export const util: Core['util'] = new Proxy({} as Core['util'], {
  get: (_target, property) => Reflect.get(load().util, property),
});

/**
 * Runs a citation-js input chain without building its `_graph` (which would copy the whole
 * input text into every entry). Throws whatever citation-js throws.
 */
export function citeParse(text: string, forceType: '@biblatex/text' | '@ris/file'): Record<string, unknown>[] {
  const { plugins, logger } = load();
  try {
    return plugins.input.chain(text, { forceType, generateGraph: false });
  } finally {
    // citation-js keeps every log line in memory for the life of the process; a long editor
    // session would grow it without bound.
    logger._log.length = 0;
  }
}
