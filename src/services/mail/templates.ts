/**
 * E-mails of notifications, in the recipient's language: a subject, plain text and simple
 * HTML, every sentence from the server catalogue (src/contracts/messages).
 */
import type { Locale } from '../../contracts/enums';
import { msg, render } from '../../contracts/messages';
import type { MailMessage } from './transport';
import { notificationText, type NotificationContent } from '../notifications/text';

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** The absolute address of a web path on `publicUrl` (a relative path when it is unset). */
export function absoluteLink(publicUrl: string | undefined, path: string): string {
  return publicUrl ? new URL(path, publicUrl.endsWith('/') ? publicUrl : `${publicUrl}/`).toString() : path;
}

function page(locale: Locale, paragraphs: string[], profile: string): string {
  const footer = escapeHtml(render(locale, msg('mail.footer', { link: '' })).replace(/:\s*$/, ''));
  return `<!doctype html><html lang="${locale}"><body style="font-family:sans-serif;line-height:1.5">${paragraphs.join('')}<p style="color:#666;font-size:small">${footer}: <a href="${escapeHtml(profile)}">${escapeHtml(profile)}</a></p></body></html>`;
}

/** The e-mail of one notification. */
export function notificationMail(
  to: { email: string; locale: Locale },
  n: NotificationContent,
  publicUrl: string | undefined,
): MailMessage {
  const title = notificationText(to.locale, n);
  const link = absoluteLink(publicUrl, n.link);
  const profile = absoluteLink(publicUrl, '/profile');
  return {
    to: to.email,
    subject: title,
    text: `${title}\n\n${render(to.locale, msg('mail.open', { link }))}\n\n-- \n${render(to.locale, msg('mail.footer', { link: profile }))}\n`,
    html: page(
      to.locale,
      [`<p>${escapeHtml(title)}</p>`, `<p><a href="${escapeHtml(link)}">${escapeHtml(link)}</a></p>`],
      profile,
    ),
  };
}

/** The daily digest: one e-mail listing every notification the user chose to get that way. */
export function digestMail(
  to: { email: string; locale: Locale },
  items: readonly NotificationContent[],
  publicUrl: string | undefined,
): MailMessage {
  const lines = items.map((n) => ({
    title: notificationText(to.locale, n),
    link: absoluteLink(publicUrl, n.link),
  }));
  const profile = absoluteLink(publicUrl, '/profile');
  const intro = render(to.locale, msg('mail.digestIntro'));
  return {
    to: to.email,
    subject: render(to.locale, msg('mail.digestSubject', { count: items.length })),
    text: `${intro}\n\n${lines.map((l) => `- ${l.title}\n  ${l.link}`).join('\n')}\n\n-- \n${render(to.locale, msg('mail.footer', { link: profile }))}\n`,
    html: page(
      to.locale,
      [
        `<p>${escapeHtml(intro)}</p><ul>`,
        ...lines.map((l) => `<li><a href="${escapeHtml(l.link)}">${escapeHtml(l.title)}</a></li>`),
        '</ul>',
      ],
      profile,
    ),
  };
}
