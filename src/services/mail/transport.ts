/**
 * Sending e-mail: nodemailer over `SMTP_URL`. Without it every message is skipped (and the
 * caller logs that); nothing fails because mail is not configured.
 */
import nodemailer from 'nodemailer';

/** One e-mail, already rendered in its recipient's language. */
export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  html: string;
}

/** Sends a message; throws when the server refuses it (the delivery job retries). */
export interface Mailer {
  send(m: MailMessage): Promise<void>;
  close(): void;
}

/** The address mail comes from unless SMTP_URL names one (`?from=`). */
const DEFAULT_FROM = 'Accord <accord@localhost>';

/** A mailer for `smtpUrl`, or null when mail is not configured. */
export function createMailer(smtpUrl: string | undefined): Mailer | null {
  if (!smtpUrl) return null;
  const url = new URL(smtpUrl);
  const from = url.searchParams.get('from') ?? DEFAULT_FROM;
  url.searchParams.delete('from');
  const transport = nodemailer.createTransport(url.toString());
  return {
    async send(m) {
      await transport.sendMail({ from, ...m });
    },
    close: () => transport.close(),
  };
}
