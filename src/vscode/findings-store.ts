import type { Finding } from '../core/types';

/** The findings last published per file, so quick fixes can read the data behind a diagnostic. */
export class FindingStore {
  private readonly byFile = new Map<string, Finding[]>();

  set(file: string, findings: Finding[]): void {
    if (findings.length) this.byFile.set(file, findings);
    else this.byFile.delete(file);
  }

  delete(file: string): void {
    this.byFile.delete(file);
  }

  get(file: string): readonly Finding[] {
    return this.byFile.get(file) ?? [];
  }
}
