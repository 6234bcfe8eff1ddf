import { describe, expect, it } from 'vitest';
import { shareTargets } from '../../../src/share-links/share-targets.ts';
import { shareIcons } from '../../../src/share-links/icons.ts';

describe('share links', () => {
  const targets = shareTargets({ url: 'https://e.com/news/a b/?x=1&y=2', title: 'Ties & “trade”', description: 'Dek' });

  it('covers every network and encodes the URL and title', () => {
    expect(targets.map((target) => target.id)).toEqual([
      'x',
      'facebook',
      'linkedin',
      'telegram',
      'whatsapp',
      'reddit',
      'email',
    ]);
    const x = new URL(targets[0]!.href);
    expect(x.searchParams.get('url')).toBe('https://e.com/news/a b/?x=1&y=2');
    expect(x.searchParams.get('text')).toBe('Ties & “trade”');
    expect(new URL(targets[4]!.href).searchParams.get('text')).toBe('Ties & “trade” https://e.com/news/a b/?x=1&y=2');
  });

  it('writes spaces in mailto links as %20, never +', () => {
    const email = targets[6]!.href;
    expect(email.startsWith('mailto:?subject=Ties%20%26%20')).toBe(true);
    expect(email).not.toContain('+');
    expect(decodeURIComponent(email.split('body=')[1]!)).toBe('Dek\n\nhttps://e.com/news/a b/?x=1&y=2');
  });

  it('has an icon for every target and for the share sheet, drawn with paths and shapes only', () => {
    for (const id of [...targets.map((target) => target.id), 'native' as const]) {
      expect(shareIcons[id], id).toMatch(/^(<(path|rect|circle) [^>]*\/>)+$/);
    }
  });
});
