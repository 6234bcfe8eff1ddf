/**
 * What an entry point (node.ts, worker.ts, the tests) gives the service: the store, the settings
 * and what only the runtime knows. app.ts hands each route group the part of it that group uses.
 */
import type { DeployHook } from './deploy-hook.ts';
import type { PeerAddress } from './http/request.ts';
import type { Notifier } from './mail/notifications.ts';
import type { ServiceConfig } from './settings.ts';
import type { SpamCheck } from './spam/spam.ts';
import type { FaultLog } from './store/storage-fault.ts';
import type { CommentStore } from './store/store.ts';

export interface ServiceOptions {
  store: CommentStore;
  config: Pick<
    ServiceConfig,
    | 'allowedOrigins'
    | 'adminToken'
    | 'moderation'
    | 'rateLimit'
    | 'trustProxy'
    | 'healthWrite'
    | 'smtpUrl'
    | 'moderatorEmails'
    | 'mailDigestMinutes'
    | 'siteUrl'
    | 'publicUrl'
    | 'maxLinks'
    | 'minSubmitSeconds'
    | 'duplicateHours'
    | 'newsletter'
    | 'mailFrom'
    | 'mailRetrySeconds'
  >;
  /** Key for hashing client addresses, kept outside the store. */
  addressKey: string;
  /** The connecting peer's address (the runtime knows it; Request does not). */
  peerAddress?: PeerAddress;
  /** The articles that take comments (and their headlines); without it any valid article id does. */
  knownArticles?: { has(article: string): boolean; title?(article: string): string | undefined };
  /** An outside spam check (Akismet), made by the runtime's entry point. */
  spamCheck?: SpamCheck;
  /** Writes the e-mails into the outbox; made by notifierFor unless the entry point made it (to send digests). */
  notifier?: Notifier;
  /** Called when a mail was queued, so the runtime can send it soon. */
  onMailQueued?: () => void;
  /** Where storage faults are logged, one line per distinct reason per minute. */
  faults?: FaultLog;
  /** Requests a rebuild of the site when approved comments change (COMMENTS_DEPLOY_HOOK_URL). */
  deployHook?: DeployHook;
}
