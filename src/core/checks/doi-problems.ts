/** Says what is wrong with a DOI-looking string, for reference.doi-malformed messages. */
export function describeMalformedDoi(raw: string): string {
  if (!/^10\./.test(raw)) return "a DOI starts with '10.'";
  const slash = raw.indexOf('/');
  if (slash < 0) return "there is no '/' between the prefix and the suffix";
  const prefix = raw.slice(0, slash);
  if (!/^10\.\d{4,9}(?:\.\d+)*$/.test(prefix)) return `the prefix '${prefix}' needs 4 to 9 digits after '10.'`;
  if (slash === raw.length - 1) return 'the suffix after the prefix is empty';
  return 'it contains characters a DOI cannot hold';
}
