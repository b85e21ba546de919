import type { CslItem } from '../types';

/** A notice that retracts a work: from a resolver relation or a retraction list. */
export interface RetractionNotice {
  /** DOI of the retraction notice, when known. */
  noticeDoi?: string;
  /** Date of the retraction as the source writes it (ISO date when known). */
  date?: string;
  /** Where this came from, for messages: "Crossref", "Retraction Watch list". */
  source: string;
}

/** What the resolver knows about one DOI (normalised, lower case). */
export interface ResolvedWork {
  doi: string;
  /** found: metadata came back; not-found: the registry answered 404; error: no answer (network, timeout, 5xx, bad JSON). */
  status: 'found' | 'not-found' | 'error';
  item?: CslItem;
  /** Where the answer came from, for hovers ("resolved from doi.org, cached 3 days ago"). */
  source: string;
  /** Milliseconds since the epoch when the answer was fetched. */
  fetchedAt: number;
  /** For status 'error': what went wrong, in words a user can act on. */
  error?: string;
  /** Retraction notices the answer carried (Crossref `updated-by` / `update-to` of type retraction). */
  retractions?: RetractionNotice[];
}

/**
 * The synchronous side of the resolver that checks, hovers and the tree use: answers already in
 * memory or in the cache. Never makes a request; `undefined` means "not known yet".
 */
export interface MetadataLookup {
  peek(doi: string): ResolvedWork | undefined;
  /** The notice retracting a DOI, from resolver relations or a retraction list; optional. */
  retractionOf?(doi: string): RetractionNotice | undefined;
}
