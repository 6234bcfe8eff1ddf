/**
 * What makes a media component in an article body wrong, said in one sentence: checked by the
 * build (src/markdown/remark-media-components.ts, which also checks that image files exist) and
 * by the CMS's save guard (src/cms/entry-check.ts), so the admin refuses what the build would.
 */
import { resolveEmbed, youtubeEmbed } from './providers.ts';

/** The components whose image attributes are paths relative to the article. */
export const imageAttributes: Record<string, readonly string[]> = {
  Figure: ['src'],
  YouTube: ['poster'],
  Embed: ['poster'],
};

/** The components whose file attributes (recordings, videos, captions, documents) are paths relative to the article, imported as URLs. */
export const fileAttributes: Record<string, readonly string[]> = {
  Audio: ['src', 'captions'],
  Video: ['src', 'captions'],
  Download: ['src'],
};

/** An embed without a title naming it. */
function titleProblem(name: string, attributes: Record<string, string | undefined>): string | undefined {
  if ((name === 'YouTube' || name === 'Embed') && !attributes.title?.trim())
    return 'needs a title naming the video or post: title="…"';
  return undefined;
}

/** What a recording, video or download lacks. */
function fileElementProblem(name: string, attributes: Record<string, string | undefined>): string | undefined {
  if (!(name in fileAttributes)) return undefined;
  if (!attributes.src) return 'needs a file: src="../uploads/…"';
  if (name === 'Download' && !attributes.name?.trim()) return 'needs the name readers see: name="…"';
  return undefined;
}

/** The message of what `check` throws, or undefined when it does not. */
function thrownMessage(check: () => unknown): string | undefined {
  try {
    check();
    return undefined;
  } catch (error) {
    return (error as Error).message;
  }
}

/** Each component's own required attributes. */
const componentProblems: Record<
  string,
  (attributes: Record<string, string | undefined>, has: (attribute: string) => boolean) => string | undefined
> = {
  Figure: (attributes, has) => {
    if (!has('src')) return 'needs an image: src="./images/photo.jpg"';
    if (!attributes.alt?.trim()) return 'needs an alt text describing the image: alt="…"';
    return undefined;
  },
  YouTube: ({ id }) => (id ? thrownMessage(() => youtubeEmbed(id)) : 'needs the video id: id="…"'),
  Embed: ({ url }) =>
    url ? thrownMessage(() => resolveEmbed(url)) : 'needs the address of the post, video or map: url="https://…"',
};

/**
 * The problem with one element, or undefined. `attributes` holds the string-valued attributes;
 * `has` tells whether an attribute is present at all (an expression value is not a string).
 */
export function mediaElementProblem(
  name: string,
  attributes: Record<string, string | undefined>,
  has: (attribute: string) => boolean,
): string | undefined {
  const problem = componentProblems[name]?.(attributes, has);
  if (problem) return problem;
  return titleProblem(name, attributes) ?? fileElementProblem(name, attributes) ?? pathProblem(name, attributes);
}

/** A file attribute that is not a path relative to the article. */
function pathProblem(name: string, attributes: Record<string, string | undefined>): string | undefined {
  for (const attribute of [...(imageAttributes[name] ?? []), ...(fileAttributes[name] ?? [])]) {
    const value = attributes[attribute];
    if (value !== undefined && !/^\.\.?\//.test(value))
      return `${attribute}="${value}" must be a path relative to the article, starting with ./ or ../`;
  }
  return undefined;
}
