package dev.poststack.renderer.host;

import dev.poststack.values.InvalidValueException;
import dev.poststack.values.address.DomainName;
import dev.poststack.values.address.EmailAddress;
import dev.poststack.values.dkim.DkimSelector;

/**
 * The stable identity of a host entry, e.g. {@code mailbox:alice@example.test}: the Kafka record
 * key on the compacted host-entries topic and the primary key of the entry's row. {@code name} is
 * re-validated as a domain (for domains), a DKIM key name or an address, so a key can never name a
 * second row. A class rather than a record so that keys made from value types skip checks their
 * values already passed.
 */
public final class EntryKey implements Comparable<EntryKey> {
  private final EntryKind kind;
  private final String name;
  private final String value;

  public EntryKey(EntryKind kind, String name) {
    this(kind, name, true);
  }

  private EntryKey(EntryKind kind, String name, boolean check) {
    if (kind == null || name == null) {
      throw new InvalidValueException("key", "is required");
    }
    if (check) {
      check(kind, name);
    }
    this.kind = kind;
    this.name = name;
    this.value = kind.prefix() + ":" + name;
  }

  /**
   * The key of a domain's row: a {@link DomainName} passed the same checks when it was made, so
   * they are not run again (a host applying a million entries spent a sixth of its time on them).
   */
  public static EntryKey of(DomainName domain) {
    return new EntryKey(EntryKind.DOMAIN, domain.value(), false);
  }

  /** The key of an address's row (mailbox, alias, sender); see {@link #of(DomainName)}. */
  public static EntryKey of(EntryKind kind, EmailAddress address) {
    if (kind == EntryKind.DOMAIN || kind == EntryKind.DKIM) {
      throw new InvalidValueException("key", kind.prefix() + " keys are not addresses");
    }
    return new EntryKey(kind, address.value(), false);
  }

  private static void check(EntryKind kind, String name) {
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

  public EntryKind kind() {
    return kind;
  }

  public String name() {
    return name;
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
    return value;
  }

  @Override
  public int compareTo(EntryKey other) {
    return value.compareTo(other.value);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof EntryKey other && value.equals(other.value);
  }

  @Override
  public int hashCode() {
    return value.hashCode();
  }

  @Override
  public String toString() {
    return value();
  }
}
