package dev.poststack.bench.mailhost;

import dev.poststack.agent.reconcile.EntryRecord;
import dev.poststack.renderer.host.EntryChange;
import dev.poststack.renderer.host.HostDomain;
import dev.poststack.renderer.host.HostEntries;
import dev.poststack.renderer.host.HostMailbox;
import java.util.List;
import org.apache.commons.codec.digest.Crypt;

/**
 * Host-entry records exactly as the provisioner publishes them: entries rendered by config-renderer
 * ({@link HostEntries}), numbered on one partition of a topic, ready for the agent's {@code
 * Reconciler}.
 */
final class EntryRecords {
  private long nextOffset;

  /** A real SHA512-CRYPT hash with the {@code {SHA512-CRYPT}} prefix, as the API stores it. */
  static String hash(String password, String salt) {
    return "{SHA512-CRYPT}" + Crypt.crypt(password, "$6$" + salt);
  }

  EntryRecord domain(long id, String name) {
    return put(HostEntries.changesOf(HostDomain.of(id, name, true)));
  }

  EntryRecord mailbox(
      long id, String domain, String localPart, String passwordHash, long quotaBytes) {
    return put(
        HostEntries.changesOf(
            HostMailbox.of(id, domain, localPart, passwordHash, "active", quotaBytes), List.of()));
  }

  private EntryRecord put(List<EntryChange> changes) {
    if (changes.size() != 1 || !(changes.get(0) instanceof EntryChange.Put put)) {
      throw new IllegalStateException("expected one put, got " + changes);
    }
    return new EntryRecord(0, nextOffset++, put.key().value(), put.entry().line());
  }
}
