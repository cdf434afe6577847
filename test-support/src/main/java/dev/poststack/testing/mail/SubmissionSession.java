package dev.poststack.testing.mail;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.MimeMessage;

/**
 * One authenticated submission connection kept open across messages, as a mail client keeps it
 * between sends: what a suspension or a new password must end, not only refuse at the next login.
 */
public final class SubmissionSession implements AutoCloseable {
  private final Session session;
  private final Transport transport;

  SubmissionSession(Session session, Transport transport) {
    this.session = session;
    this.transport = transport;
  }

  /** Sends one message on this connection; answers 250 when accepted, else the SMTP reply code. */
  public int send(String from, String to, String subject) {
    try {
      MimeMessage m = MailClients.message(session, from, to, subject);
      transport.sendMessage(m, m.getAllRecipients());
      return 250;
    } catch (MessagingException e) {
      return MailClients.code(e);
    }
  }

  /** Whether the server still holds the connection (Angus asks with a NOOP). */
  public boolean isOpen() {
    return transport.isConnected();
  }

  @Override
  public void close() {
    try {
      transport.close();
    } catch (MessagingException e) {
      // the server may have closed it already: that is what the tests look for
    }
  }
}
