// citation-js ships no type declarations; these cover the calls Evidence Lens makes.
declare module '@citation-js/core' {
  export class Cite {
    constructor(data?: unknown, options?: Record<string, unknown>);
    data: Record<string, unknown>[];
    format(format: string, options?: Record<string, unknown>): string;
  }
  export const util: { downgradeCsl<T>(data: T[]): T[] };
  export const logger: { _log: unknown[]; level: string };
  export const plugins: {
    input: {
      chain(data: unknown, options?: Record<string, unknown>): Record<string, unknown>[];
    };
    config: { get(name: string): any };
    output: { format(name: string, data: unknown, ...options: unknown[]): unknown };
  };
}
declare module '@citation-js/plugin-bibtex';
declare module '@citation-js/plugin-ris';
declare module '@citation-js/plugin-csl';
