package dev.poststack.renderer.host;

import dev.poststack.values.InvalidValueException;
import dev.poststack.values.address.DomainName;
import dev.poststack.values.address.EmailAddress;
import dev.poststack.values.dkim.DkimSelector;

/**
 * The stable identity of a host entry, e.g. {@code mailbox:alice@example.test}: the Kafka record
 * key on the compacted host-entries topic and the primary key of the entry's row. {@code name} is
 * re-validated as a domain (for domains), a DKIM key name or an address, so a key can never name a
 * second row.
 */
public record EntryKey(EntryKind kind, String name) implements Comparable<EntryKey> {

  public EntryKey {
    if (kind == null || name == null) {
      throw new InvalidValueException("key", "is required");
    }
    if (kind == EntryKind.DOMAIN) {
      new DomainName(name);
    } else if (kind == EntryKind.DKIM) {
      checkDkimName(name);
    } else {
      EmailAddress parsed = EmailAddress.parse(name);
      if (!parsed.value().equals(name)) {
        throw new InvalidValueException("key", "must be a lower-case address");
      }
    }
  }

  /** {@code <selector>._domainkey.<domain>}, each part valid on its own. */
  private static void checkDkimName(String name) {
    int label = name.indexOf(DkimKeyEntry.DOMAINKEY_LABEL);
    if (label <= 0) {
      throw new InvalidValueException("key", "must be <selector>._domainkey.<domain>");
    }
    new DkimSelector(name.substring(0, label));
    new DomainName(name.substring(label + DkimKeyEntry.DOMAINKEY_LABEL.length()));
  }

  public static EntryKey parse(String raw) {
    if (raw == null || raw.indexOf(':') <= 0) {
      throw new InvalidValueException("key", "must be kind:name");
    }
    int colon = raw.indexOf(':');
    return new EntryKey(EntryKind.ofPrefix(raw.substring(0, colon)), raw.substring(colon + 1));
  }

  /** {@code kind:name}; the form used as the Kafka record key. */
  public String value() {
    return kind.prefix() + ":" + name;
  }

  @Override
  public int compareTo(EntryKey other) {
    return value().compareTo(other.value());
  }

  @Override
  public String toString() {
    return value();
  }
}
