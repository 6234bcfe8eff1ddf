/** Authors a post names but the export does not declare: mapped, matched or given to a fallback. */
import { describe, expect, it } from 'vitest';
import { closestAuthor, closestLogin, parseAuthorMap } from '../../../src/import/wordpress/authors.ts';

const declared = ['themereviewteam', 'msantos', 'jlee'];

describe('an undeclared author', () => {
  it('is matched to the declared login with the same letters, or within a few edits', () => {
    expect(closestLogin('>themereviewteam', declared)).toBe('themereviewteam');
    expect(closestLogin('MSantos', declared)).toBe('msantos');
    expect(closestLogin('msantoss', declared)).toBe('msantos');
    expect(closestLogin('someone-else', declared)).toBeNull();
  });

  it('is not matched when two declared logins are as close', () => {
    expect(closestLogin('jle', ['jlee', 'jleo'])).toBeNull();
  });

  it('follows --author-map first, then the closest, then the fallback', () => {
    const map = parseAuthorMap(['ghost=jlee']);
    expect(closestAuthor('ghost', declared, { authorMap: map })).toEqual({ from: 'ghost', to: 'jlee', how: 'mapped' });
    expect(closestAuthor('msantoss', declared, {})).toEqual({ from: 'msantoss', to: 'msantos', how: 'closest' });
    expect(closestAuthor('nobody', declared, { fallbackAuthor: 'jlee' })).toEqual({
      from: 'nobody',
      to: 'jlee',
      how: 'fallback',
    });
    expect(closestAuthor('nobody', declared, {})).toEqual({ from: 'nobody', to: 'themereviewteam', how: 'fallback' });
  });

  it('is not given to a login the export does not declare', () => {
    expect(closestAuthor('ghost', declared, { authorMap: parseAuthorMap(['ghost=nobody']) })).toBeNull();
    expect(closestAuthor('ghost', [], {})).toBeNull();
  });

  it('refuses a malformed mapping', () => {
    expect(() => parseAuthorMap(['ghost'])).toThrow(/expected old=new/);
  });
});
