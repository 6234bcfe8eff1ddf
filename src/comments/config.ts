/**
 * The site's comment settings and their typed defaults: the provider and its endpoint (read at
 * build time through `astro:env`, schema in env-schema.ts). The reference service's own settings
 * are in server/settings.ts. Bad values stop with a message naming the variable.
 */
import { parseHttpUrl } from '../utils/urls.ts';

export const providerNames = ['service', 'netlify', 'formspree', 'staticman', 'none'] as const;
export type ProviderName = (typeof providerNames)[number];

export const commentDefaults = {
  provider: 'service' as ProviderName,
  /** Where the site's form posts when the provider is `service` (and where the build reads comments). */
  serviceUrl: 'http://localhost:8787',
  /** Seconds the build waits for the service before going on without its comments. */
  loaderTimeoutSeconds: 5,
};

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** The site side: which provider the form uses and its endpoint. */
export interface SiteCommentsConfig {
  provider: ProviderName;
  /** Service base URL, Formspree form URL or Staticman entry URL; unused by netlify and none. */
  endpoint: string;
}

export function resolveSiteConfig(input: { provider?: string | undefined; endpoint?: string | undefined }): SiteCommentsConfig {
  const provider = (input.provider?.trim() || commentDefaults.provider) as ProviderName;
  if (!providerNames.includes(provider)) {
    throw new ConfigError(`COMMENTS_PROVIDER must be one of ${providerNames.join(', ')}; got "${input.provider}"`);
  }
  const endpoint = input.endpoint?.trim() || (provider === 'service' ? commentDefaults.serviceUrl : '');
  if ((provider === 'formspree' || provider === 'staticman') && !endpoint) {
    throw new ConfigError(
      provider === 'formspree'
        ? 'COMMENTS_ENDPOINT must be your Formspree form URL (https://formspree.io/f/<id>) when COMMENTS_PROVIDER=formspree'
        : 'COMMENTS_ENDPOINT must be your Staticman entry URL (https://<host>/v3/entry/github/<user>/<repo>/<branch>/comments) when COMMENTS_PROVIDER=staticman',
    );
  }
  if (endpoint && !parseHttpUrl(endpoint)) {
    throw new ConfigError(`COMMENTS_ENDPOINT must be an http(s) URL; got "${endpoint}"`);
  }
  return { provider, endpoint: endpoint.replace(/\/+$/, '') };
}
