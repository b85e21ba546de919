import type { StudyDesign } from '../types';

/**
 * Study designs grouped in the order of the evidence hierarchy reviewers use (syntheses first,
 * then randomised trials, down to animal and in-vitro work and narrative reviews). The Studies
 * view and the evidence table both sort by it.
 */
export const DESIGN_GROUPS: readonly { id: string; label: string; designs: readonly StudyDesign[] }[] = [
  { id: 'synthesis', label: 'Meta-analyses and systematic reviews', designs: ['meta-analysis', 'systematic-review'] },
  { id: 'rct', label: 'Randomised controlled trials', designs: ['rct', 'crossover-rct'] },
  { id: 'non-randomised', label: 'Non-randomised and open-label', designs: ['non-randomised', 'open-label'] },
  { id: 'observational', label: 'Cohort and case-control', designs: ['cohort', 'case-control'] },
  { id: 'case', label: 'Case series and case reports', designs: ['case-series', 'case-report'] },
  { id: 'preclinical', label: 'Animal and in-vitro', designs: ['animal', 'in-vitro'] },
  { id: 'narrative', label: 'Narrative reviews', designs: ['narrative-review'] },
  { id: 'other', label: 'Other or unspecified design', designs: ['other'] },
];

/** Position of a design in evidence order; records without a valid design sort last. */
export function designRank(design: StudyDesign | undefined): number {
  const i = DESIGN_GROUPS.findIndex((g) => design !== undefined && g.designs.includes(design));
  return i === -1 ? DESIGN_GROUPS.length : i;
}
