import { describe, expect, it } from 'vitest';
import { adminContentSecurityPolicy } from '../../../src/cms/admin-csp.ts';
import { adminPage } from '../../../src/cms/admin-files.ts';
import { parsePolicy } from '../../../src/deploy/csp.ts';
import { headerRules, headersFor, parseHeadersFile, renderHeadersFile } from '../../../src/deploy/headers.ts';
import { nginxServerBlock } from '../../../src/deploy/nginx.ts';

const sitePolicy = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; frame-ancestors 'none'";
const adminPolicy = adminContentSecurityPolicy();

describe('the admin’s own policy', () => {
  it('loads scripts only from the site, and keeps framing, plugins and base URLs shut', () => {
    const policy = parsePolicy(adminPolicy);
    expect(policy.get('script-src')).toEqual(["'self'", "'unsafe-eval'"]);
    expect(policy.get('frame-ancestors')).toEqual(["'none'"]);
    expect(policy.get('object-src')).toEqual(["'none'"]);
    expect(policy.get('connect-src')).toEqual(["'self'", 'https://api.github.com', 'https://api.netlify.com']);
    expect(
      parsePolicy(adminContentSecurityPolicy({ authOrigin: 'https://auth.example.com' })).get('connect-src'),
    ).toContain('https://auth.example.com');
  });

  it('applies only under the admin folder, replacing the site’s policy there rather than adding a second one', () => {
    for (const base of ['/', '/news/']) {
      const withAdmin = parseHeadersFile(
        renderHeadersFile(
          headerRules({
            base,
            contentSecurityPolicy: sitePolicy,
            folderPolicies: [{ folder: 'admin', contentSecurityPolicy: adminPolicy }],
          }),
        ),
      );
      const without = headerRules({ base, contentSecurityPolicy: sitePolicy });
      for (const page of ['', 'articles/a/', 'tags/', '_astro/a.css', 'administration/', '404.html']) {
        expect(headersFor(withAdmin, `${base}${page}`), page).toEqual(headersFor(without, `${base}${page}`));
      }
      const admin = headersFor(withAdmin, `${base}admin/`);
      expect(admin.filter(([name]) => name === 'Content-Security-Policy')).toEqual([
        ['Content-Security-Policy', adminPolicy],
      ]);
      expect(admin.map(([name]) => name)).toEqual(headersFor(without, base).map(([name]) => name));
    }
  });

  it('detaches the site’s policy on Cloudflare Pages, which would otherwise send both', () => {
    const settings = {
      base: '/',
      contentSecurityPolicy: sitePolicy,
      folderPolicies: [{ folder: 'admin', contentSecurityPolicy: adminPolicy }],
    };
    const text = renderHeadersFile(headerRules({ ...settings, cloudflarePages: true }));
    expect(text).toContain(`/admin/*\n  ! Content-Security-Policy\n  Content-Security-Policy: ${adminPolicy}\n`);
    expect(renderHeadersFile(headerRules(settings))).not.toContain('! Content-Security-Policy');
    const admin = headersFor(parseHeadersFile(text), '/admin/');
    expect(admin.filter(([name]) => name === 'Content-Security-Policy')).toEqual([
      ['Content-Security-Policy', adminPolicy],
    ]);
  });

  it('becomes its own nginx location with the admin policy and the other security headers', () => {
    const rules = headerRules({
      base: '/',
      contentSecurityPolicy: sitePolicy,
      folderPolicies: [{ folder: 'admin', contentSecurityPolicy: adminPolicy }],
    });
    const block = nginxServerBlock({ listen: '80', sites: [{ base: '/', root: '/srv/site', rules }] });
    const admin = /location \/admin\/ \{[\s\S]*?\n {2}\}/.exec(block)![0];
    expect(admin).toContain(`add_header Content-Security-Policy "${adminPolicy}" always;`);
    expect(admin).not.toContain('wasm-unsafe-eval');
    expect(admin).toContain('add_header X-Frame-Options "DENY" always;');
  });

  it('is a static page with no inline script or style, and relative URLs that work under any base path', () => {
    const page = adminPage('The Meridian', 'en');
    expect(page).not.toMatch(/<script>|<style|style=/);
    expect([...page.matchAll(/(?:src|href)="([^"]+)"/g)].map((match) => match[1])).toEqual([
      '../favicon.svg',
      'config.yml',
      'decap-cms.js',
      'cms-setup.js',
    ]);
  });
});
