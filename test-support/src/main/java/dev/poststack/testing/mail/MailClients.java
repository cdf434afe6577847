package dev.poststack.testing.mail;

import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLSocketFactory;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.smtp.SMTPSenderFailedException;

/**
 * Real mail clients (Angus Mail) for the test mail host: IMAPS, POP3S and submissions over implicit
 * TLS trusting only the host's self-signed certificate (server identity checked), SMTP in plain as
 * another server would deliver. Every connection comes from a fresh loopback address: Dovecot
 * delays every later login from an address that once failed (2 s doubling to 15 s), which would
 * make each "this login must fail" check slow down the ones after it.
 */
public final class MailClients {
  private static final AtomicInteger NEXT_ADDRESS = new AtomicInteger(2);

  private final MailEndpoints host;
  private final SSLSocketFactory tls;

  public MailClients(MailEndpoints host) {
    this.host = host;
    this.tls = TrustedCertificate.socketFactory(host.certificate());
  }

  static String freshLocalAddress() {
    int n = NEXT_ADDRESS.getAndIncrement();
    return "127.0." + (n / 250) + "." + (2 + n % 250);
  }

  private Session session(String protocol, int port) {
    Properties p = new Properties();
    String prefix = "mail." + protocol + ".";
    p.put(prefix + "host", host.address());
    p.put(prefix + "port", Integer.toString(port));
    p.put(prefix + "localaddress", freshLocalAddress());
    p.put(prefix + "connectiontimeout", "10000");
    p.put(prefix + "timeout", "20000");
    if (!protocol.equals("smtp")) {
      p.put(prefix + "ssl.socketFactory", tls);
      p.put(prefix + "ssl.checkserveridentity", "true");
    }
    if (protocol.equals("smtps")) {
      p.put(prefix + "auth", "true");
    }
    return Session.getInstance(p);
  }

  /** An IMAPS session logged in with the full address; throws when the login is refused. */
  public Store imap(String address, String password) throws MessagingException {
    Store store = session("imaps", host.imaps()).getStore("imaps");
    store.connect(address, password);
    return store;
  }

  public boolean imapLoginWorks(String address, String password) {
    try (Store s = imap(address, password)) {
      return s.isConnected();
    } catch (MessagingException e) {
      return false;
    }
  }

  /** A POP3S session logged in with the full address; throws when the login is refused. */
  public Store pop3(String address, String password) throws MessagingException {
    Store store = session("pop3s", host.pop3s()).getStore("pop3s");
    store.connect(address, password);
    return store;
  }

  public boolean pop3LoginWorks(String address, String password) {
    try (Store s = session("pop3s", host.pop3s()).getStore("pop3s")) {
      s.connect(address, password);
      return true;
    } catch (MessagingException e) {
      return false;
    }
  }

  /** Subjects in INBOX over IMAPS. */
  public List<String> imapSubjects(String address, String password) throws MessagingException {
    try (Store s = imap(address, password);
        Folder inbox = s.getFolder("INBOX")) {
      inbox.open(Folder.READ_ONLY);
      List<String> subjects = new ArrayList<>();
      for (Message m : inbox.getMessages()) {
        subjects.add(m.getSubject());
      }
      return subjects;
    }
  }

  /** Subjects in the maildrop over POP3S. */
  public List<String> pop3Subjects(String address, String password) throws MessagingException {
    try (Store s = session("pop3s", host.pop3s()).getStore("pop3s")) {
      s.connect(address, password);
      try (Folder inbox = s.getFolder("INBOX")) {
        inbox.open(Folder.READ_ONLY);
        List<String> subjects = new ArrayList<>();
        for (Message m : inbox.getMessages()) {
          subjects.add(m.getSubject());
        }
        return subjects;
      }
    }
  }

  /** Inbound mail on the SMTP port (no AUTH), as another server sends it. Returns the SMTP code. */
  public int deliver(String from, String to, String subject) {
    return send(session("smtp", host.smtp()), "smtp", host.smtp(), null, null, from, to, subject);
  }

  /**
   * Submission over implicit TLS (465-style) with AUTH. Returns the SMTP code (250 when accepted).
   */
  public int submit(String login, String password, String from, String to, String subject) {
    return send(
        session("smtps", host.submissions()),
        "smtps",
        host.submissions(),
        login,
        password,
        from,
        to,
        subject);
  }

  /** An SMTP answer to a whole transaction: 250 when accepted, else the refusing reply. */
  public record Reply(int code, String text) {}

  /**
   * Submission with an envelope sender ({@code ""} for the empty one, {@code <>}) that may differ
   * from the header From, as a forger or a bounce would send it. Answers the code and text of the
   * reply that ended the transaction.
   */
  public Reply submitAs(
      String login,
      String password,
      String envelopeFrom,
      String headerFrom,
      String to,
      String subject) {
    Session session = session("smtps", host.submissions());
    try {
      org.eclipse.angus.mail.smtp.SMTPMessage m =
          new org.eclipse.angus.mail.smtp.SMTPMessage(message(session, headerFrom, to, subject));
      m.setEnvelopeFrom(envelopeFrom.isEmpty() ? "<>" : envelopeFrom);
      try (Transport t = session.getTransport("smtps")) {
        t.connect(host.address(), host.submissions(), login, password);
        t.sendMessage(m, m.getAllRecipients());
      }
      return new Reply(250, "");
    } catch (MessagingException e) {
      return new Reply(code(e), text(e));
    }
  }

  private static String text(MessagingException e) {
    StringBuilder b = new StringBuilder();
    for (Exception x = e;
        x != null;
        x = x instanceof MessagingException me ? me.getNextException() : null) {
      b.append(x.getMessage()).append(' ');
    }
    return b.toString().strip();
  }

  /**
   * Opens a submission connection (implicit TLS) and logs in, keeping it open for several messages;
   * throws when the login is refused.
   */
  public SubmissionSession openSubmission(String login, String password) throws MessagingException {
    Session session = session("smtps", host.submissions());
    Transport t = session.getTransport("smtps");
    t.connect(host.address(), host.submissions(), login, password);
    return new SubmissionSession(session, t);
  }

  static MimeMessage message(Session session, String from, String to, String subject)
      throws MessagingException {
    MimeMessage m = new MimeMessage(session);
    m.setFrom(new InternetAddress(from));
    m.setRecipient(Message.RecipientType.TO, new InternetAddress(to));
    m.setSubject(subject);
    m.setText("test message " + subject + "\r\n");
    return m;
  }

  private int send(
      Session session,
      String protocol,
      int port,
      String user,
      String password,
      String from,
      String to,
      String subject) {
    try {
      MimeMessage m = message(session, from, to, subject);
      try (Transport t = session.getTransport(protocol)) {
        t.connect(host.address(), port, user, password);
        t.sendMessage(m, m.getAllRecipients());
      }
      return 250;
    } catch (MessagingException e) {
      return code(e);
    }
  }

  /** The SMTP reply code somewhere in Angus's exception chain; -1 when none (e.g. AUTH refused). */
  static int code(Exception e) {
    for (Exception x = e;
        x != null;
        x = x instanceof MessagingException me ? me.getNextException() : null) {
      if (x instanceof SMTPAddressFailedException a) {
        return a.getReturnCode();
      }
      if (x instanceof SMTPSenderFailedException s) {
        return s.getReturnCode();
      }
      if (x instanceof SMTPSendFailedException s
          && s.getReturnCode() > 0
          && s.getNextException() == null) {
        return s.getReturnCode();
      }
    }
    return -1;
  }

  /**
   * A plain SMTP dialogue on the inbound port up to RCPT, announcing the message size with {@code
   * SIZE=} as a sending server does; answers the RCPT reply code. Nothing is sent.
   */
  public int rcptWithSize(String from, String to, long size) {
    return SmtpDialogue.rcptWithSize(
        freshLocalAddress(), host.address(), host.smtp(), from, to, size);
  }
}
