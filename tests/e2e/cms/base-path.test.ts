/** `npm run cms` for a site built under a sub-path: the admin lives at `/news/admin/` and edits the same files. */
import { expect, it } from 'vitest';
import { signIn, useCmsAndBrowser } from '../../support/cms-session.ts';

const running = useCmsAndBrowser({ BASE_PATH: '/news/' });

it('serves the admin under the base path, with the local backend and the content listed', async () => {
  expect(new URL(running.cms.adminUrl).pathname).toBe('/news/admin/');
  const page = await running.browser.newPage();
  await signIn(page, running.cms.adminUrl);
  await page.goto(`${running.cms.adminUrl}#/collections/articles`);
  await page.getByText('Russia reaffirms deepening ties with Myanmar').first().waitFor();
  await page.close();
});
