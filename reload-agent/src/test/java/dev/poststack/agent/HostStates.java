package dev.poststack.agent;

import dev.poststack.agent.reconcile.EntryRecord;
import dev.poststack.renderer.host.EntryChange;
import dev.poststack.renderer.host.HostAlias;
import dev.poststack.renderer.host.HostDomain;
import dev.poststack.renderer.host.HostMailbox;
import dev.poststack.renderer.host.HostState;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.codec.digest.Crypt;

/**
 * Builds mail states the way the provisioner would hold them; entries come from the real renderer.
 */
public final class HostStates {
  private final List<HostDomain> domains = new ArrayList<>();
  private final List<HostMailbox> mailboxes = new ArrayList<>();
  private final List<HostAlias> aliases = new ArrayList<>();

  public static HostStates state() {
    return new HostStates();
  }

  /** A real SHA512-CRYPT hash, as the API would store it. */
  public static String hash(String password) {
    return "{SHA512-CRYPT}"
        + Crypt.crypt(
            password, "$6$" + Integer.toHexString(password.hashCode() & 0xfffffff) + "salt");
  }

  public HostStates domain(long id, String name) {
    domains.add(HostDomain.of(id, name, true));
    return this;
  }

  public HostStates mailbox(long id, String address, String password) {
    return mailbox(id, address, password, "active", 1L << 30);
  }

  public HostStates mailbox(long id, String address, String password, String status, long quota) {
    String[] parts = address.split("@");
    mailboxes.add(HostMailbox.of(id, parts[1], parts[0], hash(password), status, quota));
    return this;
  }

  public HostStates alias(long id, String address, long destination) {
    String[] parts = address.split("@");
    aliases.add(HostAlias.of(id, parts[1], parts[0], destination, false));
    return this;
  }

  public HostState build() {
    return new HostState(domains, mailboxes, aliases);
  }

  /**
   * The records the provisioner would publish for a list of changes, numbered from {@code offset}.
   */
  public static List<EntryRecord> records(int partition, long offset, List<EntryChange> changes) {
    List<EntryRecord> records = new ArrayList<>();
    for (EntryChange c : changes) {
      String value = c instanceof EntryChange.Put put ? put.entry().line() : null;
      records.add(new EntryRecord(partition, offset++, c.key().value(), value));
    }
    return records;
  }
}
