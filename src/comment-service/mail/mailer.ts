/**
 * Sending e-mail, as the service sees it: one small interface, so that the service itself stays
 * Web-standard. The SMTP implementation (nodemailer) is made in main.ts only.
 */
import type { OutgoingMail } from '../store/store.ts';

export interface Mailer {
  /** Sends one message; rejects when the server did not accept it. */
  send(mail: OutgoingMail & { from: string }): Promise<void>;
}
