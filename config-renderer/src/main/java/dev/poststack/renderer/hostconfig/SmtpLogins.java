package dev.poststack.renderer.hostconfig;

import dev.poststack.renderer.host.EntryKind;
import dev.poststack.renderer.host.HostStore;

/**
 * How an open SMTP submission session ends when its mailbox is suspended, deleted or given a new
 * password. Postfix has no per-user kick, and Dovecot never hears from a session after its AUTH; so
 * the login itself carries its generation. For SMTP AUTH, Dovecot answers Postfix with the login
 * {@code <address>/<login_key>} (the agent renews the key on every such change), the senders map
 * grants addresses to that login, and the submissions service looks the login up at RCPT and at the
 * end of DATA: a login that is not an active mailbox's current one is answered {@code 421}, and
 * Postfix disconnects after a 421. IMAP and POP3 logins stay the plain address (the agent kicks
 * those sessions with doveadm).
 */
final class SmtpLogins {
  private SmtpLogins() {}

  /** Postfix's {@code smtpd_sasl_service} (its default), as Dovecot's {@code %s} sees it. */
  static final String SASL_SERVICE = "smtp";

  /** Never part of an address (the renderer refuses it there), so a login splits at the first. */
  static final String SEPARATOR = "/";

  /** A reply code and text for Postfix's access table: the session gets it, then is closed. */
  static final String STALE_REPLY = "421 4.7.0 Session ended: the mailbox changed, log in again";

  /** The SMTP login of the {@code mailboxes} row named by {@code alias} ("" for no alias). */
  static String loginOf(String alias) {
    String p = alias.isEmpty() ? "" : alias + ".";
    return p + "address || '" + SEPARATOR + "' || " + p + HostStore.LOGIN_KEY;
  }

  /**
   * The access map query: {@link #STALE_REPLY} unless {@code %s} is an active mailbox's current
   * login. The address part is cut out first so the lookup uses the primary key.
   */
  static String staleLoginQuery() {
    return "SELECT '"
        + STALE_REPLY
        + "' WHERE NOT EXISTS (SELECT 1 FROM "
        + EntryKind.MAILBOX.table()
        + " WHERE address = substr('%s', 1, instr('%s', '"
        + SEPARATOR
        + "') - 1) AND "
        + loginOf("")
        + " = '%s' AND status = 'active')";
  }
}
