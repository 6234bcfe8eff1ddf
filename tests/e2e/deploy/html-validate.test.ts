import path from 'node:path';
import { HtmlValidate, StaticConfigLoader, formatterFactory } from 'html-validate';
import { describe, expect, inject, it } from 'vitest';
import { listHtmlFiles } from '../../../src/deploy/output.ts';
import config from '../../support/html-validate.config.ts';

const validator = new HtmlValidate(new StaticConfigLoader(config));
const text = formatterFactory('text');

describe.each([
  { name: 'root', dir: inject('siteDir') },
  { name: 'news', dir: inject('newsSiteDir') },
])('html-validate on every page of the $name build', ({ name, dir }) => {
  it('reports zero errors', async () => {
    const pages = await listHtmlFiles(dir);
    expect(pages.length).toBeGreaterThanOrEqual(10);
    let errors = 0;
    let warnings = 0;
    const reports: string[] = [];
    for (const page of pages) {
      const report = await validator.validateFile(path.join(dir, page));
      errors += report.errorCount;
      warnings += report.warningCount;
      if (!report.valid) reports.push(text(report.results));
    }
    console.log(`[deploy] html-validate ${name}: ${pages.length} pages, ${errors} errors, ${warnings} warnings`);
    expect(reports.join('\n')).toBe('');
    expect(errors).toBe(0);
  });
});
