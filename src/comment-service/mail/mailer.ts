/**
 * Sending e-mail, as the service sees it: one small interface, so that the service itself stays
 * Web-standard. The SMTP implementations are made by the entry points only: nodemailer in node.ts
 * (smtp-mailer.ts), worker-mailer over TCP sockets in the Worker (socket-mailer.ts).
 */
import type { OutgoingMail } from '../store/store.ts';

export interface Mailer {
  /** Sends one message; rejects when the server did not accept it. */
  send(mail: OutgoingMail & { from: string }): Promise<void>;
}
