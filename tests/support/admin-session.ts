/** Signing in to the moderation page as a browser would: the session cookie and the CSRF token of its forms. */
import { adminToken } from './comment-app.ts';

type Request = (pathname: string, init?: RequestInit, peer?: string) => Promise<Response>;

export interface AdminBrowser {
  cookie: string;
  csrf: string;
  get(pathname: string): Promise<Response>;
  post(pathname: string, fields: [string, string][] | Record<string, string>): Promise<Response>;
}

export const formBody = (fields: [string, string][] | Record<string, string>) =>
  new URLSearchParams(Array.isArray(fields) ? fields : Object.entries(fields));

export function formPost(
  fields: [string, string][] | Record<string, string>,
  headers: Record<string, string> = {},
): RequestInit {
  return {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', ...headers },
    body: formBody(fields),
  };
}

/** The CSRF token in a page's forms. */
export const csrfOf = (html: string) => /name="csrf" value="([^"]+)"/.exec(html)?.[1] ?? '';

/** The session cookie a response sets, attributes and all. */
export const sessionCookie = (response: Response) =>
  response.headers.getSetCookie().find((cookie) => cookie.startsWith('comments_admin='));

/** Opens the sign-in page and sends it: the answer to the sign-in. */
export async function postSignIn(
  request: Request,
  token: string,
  headers: Record<string, string> = {},
  peer?: string,
): Promise<Response> {
  const page = await request('/admin/', { headers }, peer);
  const signInCookie =
    page.headers
      .getSetCookie()
      .find((cookie) => cookie.startsWith('comments_signin='))
      ?.split(';')[0] ?? '';
  return request(
    '/admin/login',
    formPost({ token, csrf: csrfOf(await page.text()) }, { Cookie: signInCookie, ...headers }),
    peer,
  );
}

export async function signIn(request: Request, token = adminToken): Promise<AdminBrowser> {
  const response = await postSignIn(request, token);
  const cookie = sessionCookie(response)?.split(';')[0] ?? '';
  if (response.status !== 303 || !cookie)
    throw new Error(`sign-in failed: ${response.status} ${response.headers.get('location')}`);
  const get = (pathname: string) => request(pathname, { headers: { Cookie: cookie } });
  const csrf = csrfOf(await (await get('/admin/')).text());
  return {
    cookie,
    csrf,
    get,
    post: (pathname, fields) => {
      const list: [string, string][] = Array.isArray(fields) ? fields : Object.entries(fields);
      return request(pathname, formPost([['csrf', csrf], ...list], { Cookie: cookie }));
    },
  };
}
