package dev.poststack.renderer.host;

import dev.poststack.values.InvalidValueException;
import dev.poststack.values.address.DomainName;
import dev.poststack.values.address.EmailAddress;
import dev.poststack.values.dkim.DkimAlgorithm;
import dev.poststack.values.dkim.DkimKeyState;
import dev.poststack.values.dkim.DkimSelector;
import dev.poststack.values.dkim.SealedPrivateKey;
import dev.poststack.values.mailbox.MailboxStatus;
import dev.poststack.values.mailbox.PasswordHash;
import dev.poststack.values.mailbox.QuotaBytes;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The canonical text line of an entry and the way back from a line or a store row.
 *
 * <p>Line: {@code <kind> <key name> <column>=<value> ...}, single spaces, columns in {@link
 * EntryKind#columns()} order, e.g. {@code alias info@example.test target=alice@example.test}. No
 * value can contain a space (every value type refuses whitespace), so lines split unambiguously,
 * sort by key and diff line by line; the content hash is defined over exactly these bytes.
 *
 * <p>Decoding re-validates every field through the value types and only accepts the canonical form
 * (lower case, no leading zeros), so {@code line(parse(l)).equals(l)} for every accepted line.
 */
public final class EntryCodec {
  private EntryCodec() {}

  public static String line(HostEntry entry) {
    List<String> columns = entry.kind().columns();
    List<Object> values = entry.columnValues();
    StringBuilder line = new StringBuilder(entry.kind().prefix()).append(' ').append(values.get(0));
    for (int i = 1; i < columns.size(); i++) {
      line.append(' ').append(columns.get(i)).append('=').append(values.get(i));
    }
    return line.toString();
  }

  public static HostEntry parse(String line) {
    if (line == null) {
      throw new InvalidValueException("line", "is required");
    }
    String[] tokens = line.split(" ", -1);
    EntryKind kind = EntryKind.ofPrefix(tokens[0]);
    List<String> columns = kind.columns();
    if (tokens.length != columns.size() + 1) {
      throw new InvalidValueException(
          "line", "must have " + columns.size() + " fields after the kind");
    }
    List<Object> values = new ArrayList<>();
    values.add(tokens[1]);
    for (int i = 1; i < columns.size(); i++) {
      String prefix = columns.get(i) + "=";
      if (!tokens[i + 1].startsWith(prefix)) {
        throw new InvalidValueException("line", "expected " + prefix);
      }
      String raw = tokens[i + 1].substring(prefix.length());
      values.add(columns.get(i).equals("quota_bytes") ? canonicalLong("quota_bytes", raw) : raw);
    }
    return fromRow(kind, values);
  }

  /**
   * Rebuilds an entry from a store row (values in column order), e.g. to update the content hash.
   */
  public static HostEntry fromRow(EntryKind kind, List<?> values) {
    if (values == null
        || values.size() != kind.columns().size()
        || values.stream().anyMatch(Objects::isNull)) {
      throw new InvalidValueException("row", "must have a value for each of " + kind.columns());
    }
    return switch (kind) {
      case DOMAIN -> new DomainEntry(new DomainName(text(values, 0)));
      case ALIAS -> new AliasEntry(address(text(values, 0)), address(text(values, 1)));
      case SENDER -> new SenderEntry(address(text(values, 0)), address(text(values, 1)));
      case MAILBOX -> mailbox(values);
      case DKIM -> dkim(values);
    };
  }

  private static MailboxEntry mailbox(List<?> values) {
    EmailAddress address = address(text(values, 0));
    MailboxStatus status = MailboxStatus.of(text(values, 2));
    String password = text(values, 1);
    if (status == MailboxStatus.SUSPENDED) {
      int lock = password.indexOf("}!");
      if (lock < 0) {
        throw new InvalidValueException("password", "a suspended mailbox's hash must be locked");
      }
      password = password.substring(0, lock + 1) + password.substring(lock + 2);
    }
    String home = text(values, 3);
    String homePrefix = address.domain().value() + "/";
    if (!home.startsWith(homePrefix)) {
      throw new InvalidValueException("home", "must be <domain>/<mailboxId>");
    }
    long id = canonicalLong("home", home.substring(homePrefix.length()));
    if (!(values.get(4) instanceof Long quota)) {
      throw new InvalidValueException("quota_bytes", "must be an integer");
    }
    return new MailboxEntry(address, id, new PasswordHash(password), status, new QuotaBytes(quota));
  }

  private static DkimKeyEntry dkim(List<?> values) {
    DkimKeyEntry entry =
        new DkimKeyEntry(
            new DomainName(text(values, 1)),
            new DkimSelector(text(values, 2)),
            DkimAlgorithm.of(text(values, 3)),
            new SealedPrivateKey(text(values, 4)),
            DkimKeyState.of(text(values, 5)));
    if (!entry.name().equals(text(values, 0))) {
      throw new InvalidValueException("name", "must be <selector>._domainkey.<domain>");
    }
    return entry;
  }

  private static String text(List<?> values, int index) {
    if (!(values.get(index) instanceof String s)) {
      throw new InvalidValueException("row", "column " + index + " must be text");
    }
    return s;
  }

  /** Only the canonical lower-case form: a decoded entry must re-encode to the same bytes. */
  static EmailAddress address(String raw) {
    EmailAddress parsed = EmailAddress.parse(raw);
    if (!parsed.value().equals(raw)) {
      throw new InvalidValueException("emailAddress", "must be lower-case");
    }
    return parsed;
  }

  /** {@code [1-9][0-9]{0,17}}, checked by hand: a regular expression here cost a host bootstrap. */
  private static long canonicalLong(String field, String raw) {
    boolean ok =
        !raw.isEmpty() && raw.length() <= 18 && raw.charAt(0) >= '1' && raw.charAt(0) <= '9';
    for (int i = 1; ok && i < raw.length(); i++) {
      ok = raw.charAt(i) >= '0' && raw.charAt(i) <= '9';
    }
    if (!ok) {
      throw new InvalidValueException(field, "must be a positive integer without leading zeros");
    }
    return Long.parseLong(raw);
  }
}
