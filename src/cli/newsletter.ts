/**
 * npm run newsletter -- send [--feed FILE_OR_URL] [--queue-only]
 * Mails the stories of the published JSON Feed that no earlier run sent to the confirmed subscribers
 * (src/comment-service/newsletter/), with the comment service's settings (COMMENTS_* variables,
 * the same database), then delivers the outbox unless --queue-only (a running service delivers it
 * then). Prints how many mails it queued. Safe to run after every deploy, and from several machines.
 */
import { parseArgs } from 'node:util';
import { smtpMailer } from '../comment-service/mail/smtp-mailer.ts';
import { runNewsletter } from '../comment-service/newsletter/run.ts';
import { parseServiceConfig } from '../comment-service/settings.ts';
import { openStorage } from '../comment-service/store/open-storage.ts';
import { ConfigError } from '../utils/config-error.ts';

const usage = 'usage: npm run newsletter -- send [--feed FILE_OR_URL] [--queue-only]';

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { feed: { type: 'string' }, 'queue-only': { type: 'boolean' }, help: { type: 'boolean' } },
  });
  if (values.help || positionals[0] !== 'send' || positionals.length > 1) {
    console.log(usage);
    process.exit(values.help ? 0 : 2);
  }
  const config = parseServiceConfig(process.env);
  const { store, addressKey } = await openStorage(config);
  const mailer = values['queue-only'] || !config.smtpUrl ? undefined : smtpMailer(config.smtpUrl);
  try {
    const result = await runNewsletter(store, config, addressKey, { feed: values.feed, mailer });
    for (const send of result.sends) console.log(`  ${send.key}: ${send.queued} queued`);
    const delivery = mailer ? `; ${result.delivered} sent, ${result.failed} to retry` : '';
    console.log(`Queued ${result.queued} e-mail${result.queued === 1 ? '' : 's'}${delivery}`);
  } finally {
    mailer?.close();
    await store.close();
  }
}

try {
  await main();
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  console.error(error.message);
  process.exit(2);
}
