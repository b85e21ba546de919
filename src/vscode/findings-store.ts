import type { Finding } from '../core/types';

/** The findings last published per file, so quick fixes can read the data behind a diagnostic. */
export class FindingStore {
  private readonly byFile = new Map<string, Finding[]>();
  private readonly listeners = new Set<(file: string) => void>();

  set(file: string, findings: Finding[]): void {
    if (findings.length) this.byFile.set(file, findings);
    else this.byFile.delete(file);
    this.changed(file);
  }

  delete(file: string): void {
    if (this.byFile.delete(file)) this.changed(file);
  }

  get(file: string): readonly Finding[] {
    return this.byFile.get(file) ?? [];
  }

  /** Called with the file whenever its findings are set or removed. */
  onDidChange(listener: (file: string) => void): { dispose(): void } {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  }

  private changed(file: string): void {
    for (const listener of this.listeners) listener(file);
  }
}
