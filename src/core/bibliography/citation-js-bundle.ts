// citation-js with the plugins we use, registered once. Its own file so the build can ship it as a
// separate bundle (dist/citation-js.js) that cite.ts requires on first use: citation-js, citeproc
// and their dependencies are about 1.5 MB of the 2.5 MB the extension would otherwise make the
// extension host read and compile at activation.
import * as core from '@citation-js/core';
import '@citation-js/plugin-bibtex';
import '@citation-js/plugin-ris';
import '@citation-js/plugin-csl';

export { core };
