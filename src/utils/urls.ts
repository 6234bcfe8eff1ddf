/** Whether a string is an absolute http: or https: URL (the only schemes links and endpoints may use). */
export function isHttpUrl(value: string): boolean {
  try {
    const { protocol } = new URL(value);
    return protocol === 'http:' || protocol === 'https:';
  } catch {
    return false;
  }
}
