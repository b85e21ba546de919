import type { DiagnosticCode } from './types';

/** One-line description of each diagnostic code (SARIF rule text, hovers, settings help). */
export const CODE_DESCRIPTIONS: Record<DiagnosticCode, string> = {
  'citation.unresolved': 'Citation key not defined in any bibliography or study record',
  'citation.out-of-range': 'Numbered citation with no matching reference-list item',
  'reference.uncited': 'Bibliography entry or reference-list item never cited in the notes',
  'reference.duplicate-doi': 'Two references with the same DOI',
  'reference.doi-mismatch': "Reference metadata disagrees with the DOI's registered metadata",
  'reference.doi-malformed': 'DOI that is not syntactically valid',
  'reference.doi-unknown': 'DOI the resolver does not know',
  'source.retracted': 'Cited source has been retracted',
  'claim.unsupported': 'Claim sentence with no citation',
  'claim.study-mismatch': "Claim describes the cited study differently from its study record",
  'claim.contradicts-finding': "Claim contradicts a finding recorded for the cited study",
  'claim.overstated': 'Claim wording stronger than the cited evidence supports',
  'claim.implicit-citation': 'Claim refers to a study without a citation',
  'claim.inconsistent': 'Claims about the same study disagree with each other',
  'study.invalid': 'Study record that does not follow the study record schema',
  'bibliography.invalid': 'Bibliography file or entry that cannot be parsed',
};
