/** The old site's two addresses: the blog's (permalinks) and the install's (uploads), as WordPress.com and self-hosted exports give them. */
import { describe, expect, it } from 'vitest';
import { siteAddresses } from '../../../src/import/wordpress/import.ts';
import { entryRedirects } from '../../../src/import/wordpress/redirects.ts';
import { readableSlug } from '../../../src/import/wordpress/slugs.ts';
import { uploadPath } from '../../../src/import/wordpress/uploads.ts';

const wordpressCom = siteAddresses({
  title: 'T',
  link: 'https://meridianpost.wordpress.com',
  baseSiteUrl: 'https://wordpress.com/',
  baseBlogUrl: 'https://meridianpost.wordpress.com',
  wxrVersion: '1.2',
});

describe('a WordPress.com export', () => {
  it('takes permalinks relative to the blog, not to wordpress.com', () => {
    expect(wordpressCom.blog).toBe('https://meridianpost.wordpress.com');
    const redirects = entryRedirects(
      { link: 'https://meridianpost.wordpress.com/2023/04/12/story/', id: '5', type: 'post' },
      '/articles/story/',
      wordpressCom.blog,
    );
    expect(redirects.map((r) => r.from)).toEqual(['/2023/04/12/story/', '/']);
  });

  it('finds uploads on the file host, the blog, Jetpack’s CDN, and not elsewhere', () => {
    expect(uploadPath('https://meridianpost.files.wordpress.com/2023/04/a.jpg?w=800', wordpressCom)).toBe(
      '2023/04/a.jpg',
    );
    expect(uploadPath('https://meridianpost.wordpress.com/wp-content/uploads/2024/02/b.pdf', wordpressCom)).toBe(
      '2024/02/b.pdf',
    );
    expect(
      uploadPath('https://i0.wp.com/meridianpost.wordpress.com/wp-content/uploads/2024/02/c.jpg', wordpressCom),
    ).toBe('2024/02/c.jpg');
    expect(uploadPath('https://other.files.wordpress.com/2023/04/a.jpg', wordpressCom)).toBeNull();
    expect(uploadPath('https://cdn.example/wp-content/uploads/2023/04/a.jpg', wordpressCom)).toBeNull();
  });
});

describe('slugs in other scripts', () => {
  it('are transliterated, readable, from WordPress’s percent-encoding', () => {
    expect(readableSlug('%ce%b5%cf%80%ce%af%cf%80%ce%b5%ce%b4%ce%bf-2')).toBe('epipedo-2');
    expect(readableSlug('%d0%bd%d0%be%d0%b2%d0%be%d1%81%d1%82%d0%b8')).toBe('novosti');
    expect(readableSlug('café-society')).toBe('cafe-society');
  });
});
