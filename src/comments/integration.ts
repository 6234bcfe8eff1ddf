import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import type { ProviderName } from './providers/index.ts';

const virtualId = 'virtual:meridian/comment-provider';
const resolvedVirtualId = `\0${virtualId}`;

/**
 * Hands the page script the configured provider's module alone (`virtual:meridian/comment-provider`
 * exports its `provider`), so readers download one backend's code, not all of them.
 */
export function commentProvider(name: ProviderName): AstroIntegration {
  const module = fileURLToPath(new URL(`./providers/${name}.ts`, import.meta.url));
  return {
    name: 'meridian:comment-provider',
    hooks: {
      'astro:config:setup': ({ updateConfig }) => {
        updateConfig({
          vite: {
            plugins: [
              {
                name: 'meridian:comment-provider',
                resolveId: (id: string) => (id === virtualId ? resolvedVirtualId : undefined),
                load: (id: string) =>
                  id === resolvedVirtualId ? `export { provider } from ${JSON.stringify(module)};\n` : undefined,
              },
            ],
          },
        });
      },
    },
  };
}
