/**
 * What a moderator's decision does, wherever it is taken (the moderation page, the API, a link in
 * an e-mail): the new status, the reply notices that follow an approval, and a site rebuild
 * requested when what readers see changed (deploy-hook.ts).
 */
import type { CommentStatus } from '../comments/protocol.ts';
import type { Notifier } from './mail/notifications.ts';
import type { CommentRecords, ModerationRecords } from './store/store.ts';

/** A moderation action's name (in paths and forms) and the status it sets. */
export const actions = { approve: 'approved', reject: 'rejected', spam: 'spam' } as const satisfies Record<
  string,
  CommentStatus
>;
export type ActionName = keyof typeof actions;

export const isAction = (name: string): name is ActionName => Object.hasOwn(actions, name);

export interface ModerationDeps {
  store: Pick<CommentRecords, 'get'> & Pick<ModerationRecords, 'setStatus' | 'delete'>;
  notifier: Pick<Notifier, 'commentApproved'>;
  /** Called when approved comments changed: the published site is out of date (resolves once that is recorded). */
  publicChanged: () => void | Promise<void>;
}

/** Sets a comment's status and does what follows from it; false for an unknown comment. */
export async function moderate(deps: ModerationDeps, id: string, status: CommentStatus): Promise<boolean> {
  const before = await deps.store.get(id);
  if (!before || !(await deps.store.setStatus(id, status))) return false;
  if (status === 'approved') await deps.notifier.commentApproved(id);
  if (before.status !== status && (status === 'approved' || before.status === 'approved')) await deps.publicChanged();
  return true;
}

/** Deletes a comment with its replies; returns how many were deleted. */
export async function deleteComment(deps: ModerationDeps, id: string): Promise<number> {
  const before = await deps.store.get(id);
  const deleted = await deps.store.delete(id);
  // A reply can be approved under a parent that was rejected later: any deleted reply may have been public.
  if (deleted > 0 && (before?.status === 'approved' || deleted > 1)) await deps.publicChanged();
  return deleted;
}
