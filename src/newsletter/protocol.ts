/**
 * The newsletter's protocol, shared by the site (the subscribe box and its script) and the comment
 * service (src/comment-service/newsletter/): the endpoint, its fields, the rhythms and the answers.
 * Kept free of imports so that the box's script carries only these few names.
 */

/** Where the box posts, under the service's base URL. */
export const subscriptionsPath = '/subscriptions';

/** The form's fields. The honeypot has the comment form's name, which bots fill in. */
export const subscribeFields = {
  email: 'email',
  rhythm: 'rhythm',
  honeypot: 'hp',
  /** The page the box is on: a form post is answered with a 303 back to it. */
  redirect: 'redirect',
} as const;

/** `story`: a mail for every new story as it is published; `daily`: one briefing a day at a set hour. */
export const rhythms = ['story', 'daily'] as const;
export type Rhythm = (typeof rhythms)[number];
export const isRhythm = (value: unknown): value is Rhythm => (rhythms as readonly unknown[]).includes(value);

/** The outcomes of a subscription request; a 303 back to the site ends in #newsletter-<outcome>, the box's notice for it. */
export const outcomes = ['check-inbox', 'invalid', 'limited', 'closed'] as const;
export type SubscribeOutcome = (typeof outcomes)[number];
export const noticeId = (outcome: SubscribeOutcome) => `newsletter-${outcome}`;

/** What the service answers to GET /subscriptions: whether it takes subscriptions, and the rhythms it offers. */
export interface NewsletterStatus {
  enabled: boolean;
  rhythms: Rhythm[];
  defaultRhythm: Rhythm;
}

/** What the service answers to a POST with Accept: application/json. */
export interface SubscribeAnswer {
  outcome: SubscribeOutcome;
  message: string;
}

/** What readers read after each outcome, the same with and without JavaScript. */
export const outcomeMessages: Record<SubscribeOutcome, string> = {
  'check-inbox': 'Almost done: we sent you an e-mail with a link to confirm your subscription.',
  invalid: 'Please enter a valid e-mail address.',
  limited: 'Too many subscriptions from your network just now. Please try again in an hour.',
  closed: 'Subscriptions are closed at the moment.',
};
