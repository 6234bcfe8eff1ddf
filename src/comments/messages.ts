/**
 * Every message a commenter can see about their input, in one place: the browser's check and the
 * server answer with the same texts. The first two are the seed page's form messages
 * (tests/fixtures/seed-article.txt), which readers already know.
 */
export const fieldMessages = {
  comment: 'Please enter your comment!',
  commentTooLong: 'Your comment is too long: at most 5,000 characters, please.',
  name: 'Please enter your name here',
  nameTooLong: 'Your name is too long: at most 100 characters, please.',
  email: 'Please enter a valid email address (or leave it empty)',
  website: 'Please enter a valid website address starting with http:// or https:// (or leave it empty)',
  article: 'This comment does not belong to a known article',
  parent: 'The comment you are replying to does not exist',
  notifyNeedsEmail: 'Please enter your email address to be told of replies',
} as const;

/** What the page and the script say about a submission's outcome. */
export const statusMessages = {
  sending: 'Posting your comment…',
  pending: 'Thank you! Your comment is awaiting moderation and will appear once approved.',
  approved: 'Thank you! Your comment has been published.',
  received: 'Thank you! Your comment has been received and will appear once approved.',
  invalid: 'Your comment could not be posted: please check the marked fields.',
  invalidNoScript:
    'Your comment could not be posted: please enter your comment and your name, and check the email and website addresses.',
  error: 'Sorry, your comment could not be posted right now. Your text is still in the form; please try again.',
  closed: 'Comments are closed.',
} as const;

/**
 * The service's refusals of a post as a whole: in its answer to the script, and as the page's
 * notices after a form post. Kept apart from the messages above so that the page's script, which
 * reads them from the answer, does not carry them. WordPress's words where the original site had them.
 */
export const refusalMessages = {
  duplicate: 'Duplicate comment detected; it looks as though you’ve already said that!',
  toomanylinks: 'Your comment has too many links. Please remove some and post it again.',
  toofast: 'You are posting comments too quickly. Slow down.',
  forbidden: 'Sorry, comments cannot be posted from this page. Please open the article again and retry.',
  toolarge: 'Your comment is too long. Please shorten it and post it again.',
  unsupported: 'Sorry, your comment could not be read. Please open the article again and retry.',
} as const;
