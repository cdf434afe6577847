package dev.poststack.renderer.host;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Host entries as the files people read: a Dovecot passwd-file and Postfix lookup tables in their
 * plain {@code key value} form. A by-product for inspection, diffs and {@code replay --render}
 * (design §6); no host reads them live (they read the SQLite store). Same entries, same bytes:
 * every file is sorted by its key.
 *
 * <p>The passwd-file carries each mailbox's stored password (a suspended one locked with {@code !}
 * as in the store) and home relative to the host's mail root; DKIM keys are left out, their private
 * keys being sealed for the hosts.
 */
public final class TextFiles {
  public static final String PASSWD = "passwd";
  public static final String DOMAINS = "virtual_mailbox_domains";
  public static final String MAILBOXES = "virtual_mailbox_maps";
  public static final String ALIASES = "virtual_alias_maps";
  public static final String SENDERS = "smtpd_sender_login_maps";

  private TextFiles() {}

  /** File name → its lines, in a fixed order of files. */
  public static Map<String, List<String>> of(Collection<HostEntry> entries) {
    TreeMap<String, String> passwd = new TreeMap<>();
    TreeMap<String, String> domains = new TreeMap<>();
    TreeMap<String, String> mailboxes = new TreeMap<>();
    TreeMap<String, List<String>> aliases = new TreeMap<>();
    TreeMap<String, List<String>> senders = new TreeMap<>();
    for (HostEntry entry : entries) {
      if (entry instanceof MailboxEntry m) {
        String user = m.address().value();
        // user:password:uid:gid:gecos:home:shell:extra fields (uid/gid from the host's settings)
        passwd.put(
            user,
            user
                + ":"
                + m.storedPassword()
                + ":::"
                + ":"
                + m.home()
                + "::userdb_quota_rule="
                + m.quotaRule());
        mailboxes.put(user, user + " " + m.home() + "/");
      } else if (entry instanceof DomainEntry d) {
        domains.put(d.name().value(), d.name().value() + " OK");
      } else if (entry instanceof AliasEntry a) {
        aliases
            .computeIfAbsent(a.address().value(), k -> new ArrayList<>())
            .add(a.target().value());
      } else if (entry instanceof SenderEntry s) {
        senders.computeIfAbsent(s.sender().value(), k -> new ArrayList<>()).add(s.login().value());
      }
    }
    Map<String, List<String>> files = new LinkedHashMap<>();
    files.put(PASSWD, List.copyOf(passwd.values()));
    files.put(DOMAINS, List.copyOf(domains.values()));
    files.put(MAILBOXES, List.copyOf(mailboxes.values()));
    files.put(ALIASES, joined(aliases));
    files.put(SENDERS, joined(senders));
    return files;
  }

  private static List<String> joined(TreeMap<String, List<String>> byKey) {
    List<String> lines = new ArrayList<>(byKey.size());
    byKey.forEach(
        (k, values) -> lines.add(k + " " + String.join(",", values.stream().sorted().toList())));
    return lines;
  }
}
