import { Injectable, OnApplicationShutdown } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { createTransport, Transporter } from 'nodemailer';
import MailComposer from 'nodemailer/lib/mail-composer';
import type SMTPPool from 'nodemailer/lib/smtp-pool';
import { Environment } from '@app/platform/config';
import { NotificationDriver, OutgoingMessage, PermanentDeliveryError, SentMessage } from './notification-driver';

interface SmtpError extends Error {
  code?: string;
  responseCode?: number;
}

/** nodemailer over SMTP: a pooled transport with bounded timeouts, closed on shutdown. */
@Injectable()
export class SmtpDriver extends NotificationDriver implements OnApplicationShutdown {
  private readonly transport: Transporter<SMTPPool.SentMessageInfo>;
  private readonly from: string;

  constructor(config: ConfigService<Environment, true>) {
    super();
    const user = config.get('SMTP_USER', { infer: true });
    const timeout = config.get('SMTP_TIMEOUT_MS', { infer: true });
    this.from = config.get('MAIL_FROM', { infer: true });
    this.transport = createTransport({
      pool: true,
      maxConnections: config.get('SMTP_POOL_SIZE', { infer: true }),
      maxMessages: 500,
      host: config.get('SMTP_HOST', { infer: true }),
      port: config.get('SMTP_PORT', { infer: true }),
      secure: config.get('SMTP_SECURE', { infer: true }),
      auth: user ? { user, pass: config.get('SMTP_PASS', { infer: true }) ?? '' } : undefined,
      connectionTimeout: timeout,
      greetingTimeout: timeout,
      socketTimeout: timeout,
    });
  }

  async send(message: OutgoingMessage): Promise<SentMessage> {
    try {
      // The MIME message is built into one buffer first, then handed to the pool as raw: sent as a
      // stream, a message leaves in hundreds of small chunks, each a socket write and a pass of the
      // SMTP dot-escaping; built first, it is one. Same bytes, same headers (nodemailer's own composer).
      const mime = new MailComposer({
        from: this.from,
        to: message.to,
        subject: message.subject,
        html: message.html,
        text: message.text,
        messageId: message.messageId,
        attachments: message.attachments,
        headers: { 'Content-Language': 'es' },
      }).compile();
      const raw = await mime.build();
      const info = await this.transport.sendMail({ envelope: mime.getEnvelope(), raw, messageId: message.messageId });
      return { messageId: message.messageId, response: info.response };
    } catch (error) {
      const smtp = error as SmtpError;
      // A 5xx on the envelope (the address is refused) will not change on retry; 4xx and network errors may.
      if (smtp.code === 'EENVELOPE' && (smtp.responseCode ?? 0) >= 500) {
        throw new PermanentDeliveryError(`El servidor de correo rechazó el destinatario: ${smtp.message}`);
      }
      throw error;
    }
  }

  onApplicationShutdown(): void {
    this.transport.close();
  }
}
