/**
 * node --experimental-strip-types tools/bench/wordpress-export.ts <out.xml> [posts=10000]
 * Writes a WordPress export of many posts (paragraphs, a captioned image, a table, tags, threaded
 * comments) for measuring `npm run import:wordpress` on a large archive.
 */
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { sampleTags } from '../../tests/support/sample-content.ts';

const [out, countArgument = '10000'] = process.argv.slice(2);
if (!out) throw new Error('usage: wordpress-export.ts <out.xml> [posts]');
const count = Number(countArgument);
const site = 'https://big.example';
const tags = sampleTags.slice(0, 10);
const cdata = (text: string) => `<![CDATA[${text}]]>`;
/** One element in the wp: namespace, such as `<wp:post_id>7</wp:post_id>`. */
const wp = (name: string, value: string | number) => `<wp:${name}>${value}</wp:${name}>`;
const paragraph = (n: number, i: number) =>
  `<p>Officials said on day ${i} that the talks (round ${n}) had gone further than expected, though several details ` +
  'remain to be settled before the agreement can be signed. Observers noted that the timetable had slipped more than once, ' +
  'and that neighbouring governments were watching closely.</p>';
const namespaces = {
  excerpt: 'http://wordpress.org/export/1.2/excerpt/',
  content: 'http://purl.org/rss/1.0/modules/content/',
  wfw: 'http://wellformedweb.org/CommentAPI/',
  dc: 'http://purl.org/dc/elements/1.1/',
  wp: 'http://wordpress.org/export/1.2/',
};
const xmlns = Object.entries(namespaces)
  .map(([prefix, uri]) => `xmlns:${prefix}="${uri}"`)
  .join(' ');

const file = createWriteStream(out);
const write = async (text: string) => {
  if (!file.write(text)) await once(file, 'drain');
};
await write(`<?xml version="1.0" encoding="UTF-8" ?>
<rss version="2.0" ${xmlns}>
<channel>
<title>Big Archive</title><link>${site}</link>${wp('wxr_version', '1.2')}${wp('base_site_url', site)}${wp('base_blog_url', site)}
${wp('author', wp('author_id', 1) + wp('author_login', cdata('editor')) + wp('author_display_name', cdata('The Editor')))}
${tags.map((tag, i) => wp('tag', wp('term_id', i + 10) + wp('tag_slug', cdata(tag.toLowerCase())) + wp('tag_name', cdata(tag)))).join('\n')}
`);
for (let i = 1; i <= count; i++) {
  const date = new Date(Date.UTC(2012, 0, 1) + i * 6 * 3600_000).toISOString().slice(0, 19).replace('T', ' ');
  const slug = `story-${i}`;
  const body = [
    ...Array.from({ length: 6 }, (_, n) => paragraph(n, i)),
    `[caption id="attachment_${i}" width="800"]<img src="${site}/wp-content/uploads/2015/01/photo-${i % 50}-800x533.jpg" ` +
      `alt="Photo ${i}" /> Caption for story ${i}[/caption]`,
    '<table><tr><th>Year</th><th>Value</th></tr><tr><td>2011</td><td>{12}</td></tr></table>',
  ].join('\n\n');
  const comments = [1, 2, 3]
    .map((n) =>
      wp(
        'comment',
        [
          wp('comment_id', i * 10 + n),
          wp('comment_author', cdata(`Reader ${n}`)),
          wp('comment_date_gmt', cdata(date)),
          wp('comment_content', cdata(`Comment ${n} on story ${i}.`)),
          wp('comment_approved', cdata(n === 3 ? '0' : '1')),
          wp('comment_type', cdata('comment')),
          wp('comment_parent', n === 2 ? i * 10 + 1 : 0),
        ].join(''),
      ),
    )
    .join('');
  const tag = tags[i % tags.length]!;
  const item = [
    `<title>${cdata(`Story number ${i}`)}</title>`,
    `<link>${site}/${date.slice(0, 4)}/${date.slice(5, 7)}/${slug}/</link>`,
    `<dc:creator>${cdata('editor')}</dc:creator>`,
    `<content:encoded>${cdata(body)}</content:encoded>`,
    `<excerpt:encoded>${cdata('')}</excerpt:encoded>`,
    wp('post_id', i),
    wp('post_date_gmt', cdata(date)),
    wp('post_modified_gmt', cdata(date)),
    wp('post_name', cdata(slug)),
    wp('status', cdata('publish')),
    wp('post_type', cdata('post')),
    `<category domain="post_tag" nicename="${tag.toLowerCase()}">${cdata(tag)}</category>`,
    comments,
  ];
  await write(`<item>${item.join('')}</item>\n`);
}
await write('</channel>\n</rss>\n');
file.end();
await once(file, 'finish');
