import type { OutgoingEmail } from '../platform/mail.ts';

// Plain-text mail: it renders everywhere, screen readers read it well, and links stay visible and copyable.

export function verificationEmail(to: string, name: string, link: string): OutgoingEmail {
  return {
    to,
    subject: 'Confirm your email address for Invigil',
    text: `Hello ${name},\n\nPlease confirm your email address by opening this link:\n\n${link}\n\nThe link works for 48 hours. If you did not create an Invigil account, ignore this email.\n\n— Invigil`,
  };
}

export function passwordResetEmail(to: string, name: string, link: string): OutgoingEmail {
  return {
    to,
    subject: 'Reset your Invigil password',
    text: `Hello ${name},\n\nSomeone (hopefully you) asked to reset the password of your Invigil account. To choose a new password, open this link:\n\n${link}\n\nThe link works for 1 hour and only once. If you did not ask for this, ignore this email; your password stays as it is.\n\n— Invigil`,
  };
}

export function staffInvitationEmail(to: string, name: string, roles: string[], link: string): OutgoingEmail {
  return {
    to,
    subject: 'You have been invited to Invigil',
    text: `Hello ${name},\n\nAn administrator created an Invigil staff account for you (${roles.join(', ')}). Choose your password here:\n\n${link}\n\nThe link works for 7 days and only once.\n\n— Invigil`,
  };
}
