package dev.poststack.renderer.hostconfig;

import dev.poststack.renderer.host.EntryKind;
import java.util.List;

/**
 * The {@code sqlite:} map definitions. Postfix quotes {@code %s} with SQLite's {@code %q} and
 * lower-cases addresses before the lookup, matching the store's lower-case keys.
 */
final class PostfixMaps {
  private PostfixMaps() {}

  static List<RenderedFile> render(HostSettings s) {
    String db = "dbpath = file:" + s.storePath().value() + "?mode=ro\n";
    String mailboxes = EntryKind.MAILBOX.table();
    return List.of(
        map(
            "sqlite-vdomains.cf",
            db,
            "domains this host accepts mail for",
            "SELECT 'OK' FROM " + EntryKind.DOMAIN.table() + " WHERE name = '%s'"),
        map(
            "sqlite-vmailboxes.cf",
            db,
            "active and suspended mailboxes both receive mail",
            "SELECT 'OK' FROM " + mailboxes + " WHERE address = '%s'"),
        map(
            "sqlite-valiases.cf",
            db,
            "one target per alias",
            "SELECT target FROM " + EntryKind.ALIAS.table() + " WHERE address = '%s'"),
        map(
            "sqlite-senders.cf",
            db,
            "who may use envelope sender %s: the SMTP login (address/login_key) of the mailbox"
                + " itself and of the owners of its alias grants, each only while active",
            "SELECT "
                + SmtpLogins.loginOf("")
                + " FROM "
                + mailboxes
                + " WHERE address = '%s' AND status = 'active'"
                + " UNION ALL SELECT "
                + SmtpLogins.loginOf("m")
                + " FROM "
                + EntryKind.SENDER.table()
                + " s JOIN "
                + mailboxes
                + " m ON m.address = s.login WHERE s.sender = '%s' AND m.status = 'active'"),
        map(
            "sqlite-hosted-senders.cf",
            db,
            "port 25: an envelope sender in a hosted domain from a client that is not one of our"
                + " hosts (%d: no query for a key without a domain part)",
            "SELECT '"
                + HOSTED_SENDER_REPLY
                + "' FROM "
                + EntryKind.DOMAIN.table()
                + " WHERE name = '%d'"),
        map(
            "sqlite-stale-logins.cf",
            db,
            "submissions: a 421 (then disconnect) for a SASL login that is not an active mailbox's"
                + " current one",
            SmtpLogins.staleLoginQuery()));
  }

  static final String HOSTED_SENDER_REPLY =
      "REJECT 5.7.1 mail from this domain is accepted only from its own mail hosts; send it"
          + " through submission (port 465) with a login";

  private static RenderedFile map(String file, String dbpath, String why, String query) {
    return RenderedFile.of(
        "postfix/" + file,
        "# Rendered by config-renderer from the host settings; the reload agent replaces it.\n"
            + dbpath
            + "# "
            + why
            + "\nquery = "
            + query
            + "\n");
  }
}
