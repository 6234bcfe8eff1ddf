/**
 * The form of an e-mail address that privacy requests match on: NFKC, then case folded for all
 * of Unicode (upper then lower case folds ß to ss and the final sigma too), trimmed.
 */
export function emailKey(email: string): string {
  return email.normalize('NFKC').toUpperCase().toLowerCase().normalize('NFKC').trim();
}
