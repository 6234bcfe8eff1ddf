/** The form fields a reader fills in (plus the reply target), by their meaning. */
export type FormField = 'comment' | 'name' | 'email' | 'website' | 'parent';

export interface FormContext {
  articleId: string;
  /** Site-relative path of the article page ("/news/articles/x/"). */
  articlePath: string;
  /** Absolute URL of the article page. */
  articleUrl: string;
  /** The provider's endpoint from COMMENTS_ENDPOINT (see config.ts). */
  endpoint: string;
}

/** What the form element needs to post to a backend without JavaScript. */
export interface FormMarkup {
  action: string;
  /** Extra attributes on <form>, e.g. data-netlify. */
  attributes: Record<string, string>;
  /** Hidden inputs, name to value. */
  hidden: Record<string, string>;
  /** Name of the honeypot input (hidden with CSS), or null when the backend has none. */
  honeypot: string | null;
  /** Read approved comments of this article from here after the build (service only). */
  listUrl: string | null;
  /** Name of the "notify me of replies" checkbox, when the backend sends such e-mails (service only). */
  notify?: string;
}

export type SubmitOutcome =
  | { ok: true; status: 'pending' | 'approved' | 'received'; id?: string }
  | { ok: false; message?: string; fields?: Partial<Record<FormField, string>> };

/**
 * One comment backend. Adding a provider means adding one module that implements this
 * and listing it in providers/index.ts.
 */
export interface CommentProvider {
  /** The name COMMENTS_PROVIDER takes, also the module's file name. */
  name: string;
  /** false: no form at all ("Comments are closed."). */
  accepts: boolean;
  /** The name attribute of each field in this backend's markup. */
  fieldNames: Record<FormField, string>;
  form(context: FormContext): FormMarkup;
  /** How the script submits the filled-in form with fetch. */
  request(action: string, data: FormData): { url: string; init: RequestInit };
  /** How to read the backend's answer. */
  read(response: Response): Promise<SubmitOutcome>;
}

/** The form's fields as urlencoded text, which every backend here accepts without a CORS preflight. */
export function urlencoded(data: FormData): string {
  const params = new URLSearchParams();
  for (const [key, value] of data) if (typeof value === 'string') params.append(key, value);
  return params.toString();
}

export async function readJson(response: Response): Promise<Record<string, unknown>> {
  try {
    const body: unknown = await response.json();
    return body && typeof body === 'object' ? (body as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}
