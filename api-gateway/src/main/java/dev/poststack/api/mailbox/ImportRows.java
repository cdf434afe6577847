package dev.poststack.api.mailbox;

import dev.poststack.api.http.JsonBody;
import dev.poststack.api.problem.ApiException;
import dev.poststack.api.problem.FieldError;
import dev.poststack.values.InvalidValueException;
import dev.poststack.values.address.EmailAddress;
import dev.poststack.values.mailbox.DisplayName;
import dev.poststack.values.mailbox.PasswordHash;
import dev.poststack.values.mailbox.PasswordPolicy;
import dev.poststack.values.mailbox.PasswordSchemes;
import dev.poststack.values.mailbox.QuotaBytes;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads the rows of a bulk import, each on its own: a bad row is refused with its reasons and never
 * stops the others. The rules are the single create's (the renderer's own value rules), plus a
 * {@code passwordHash} in place of a password, of a scheme the import allows.
 */
final class ImportRows {
  static final String MEMBER = "mailboxes";
  static final int MAX_ALIASES = 50;
  private static final Set<String> FIELDS =
      Set.of(
          "email",
          "password",
          "passwordHash",
          "displayName",
          "quotaBytes",
          "webhookEnabled",
          "aliases");

  private ImportRows() {}

  /** One row as read: its number (from 1), its address when valid, and what it asks or why not. */
  record Row(int number, String email, Wanted wanted, Refusal refusal) {
    static Row refused(int number, String email, Refusal refusal) {
      return new Row(number, email, null, refusal);
    }
  }

  /**
   * What a valid row asks for. Exactly one of {@code password} (to be hashed) and {@code hash}
   * (kept as given).
   */
  record Wanted(
      EmailAddress address,
      String password,
      PasswordHash hash,
      DisplayName displayName,
      QuotaBytes quota,
      boolean webhookEnabled,
      List<EmailAddress> aliases) {
    Wanted {
      aliases = List.copyOf(aliases);
    }

    String displayNameValue() {
      return displayName == null ? null : displayName.value();
    }

    @Override
    public String toString() {
      return "Wanted[" + address + ", password=***, aliases=" + aliases + "]";
    }
  }

  /** Why a row (or one of its aliases) is not applied: a stable code, our words, its fields. */
  record Refusal(String code, String message, List<FieldError> errors) {
    Refusal {
      errors = errors == null ? null : List.copyOf(errors);
    }

    static Refusal of(String code, String message) {
      return new Refusal(code, message, null);
    }

    static Refusal of(ApiException e) {
      return new Refusal(e.code(), e.getMessage(), e.errors());
    }
  }

  static List<Row> read(JsonBody list, PasswordSchemes hashSchemes) {
    List<Row> rows = new ArrayList<>();
    int number = 0;
    for (JsonNode item : list.root().get(MEMBER)) {
      rows.add(row(++number, JsonBody.of((ObjectNode) item), hashSchemes));
    }
    return rows;
  }

  static Row row(int number, JsonBody r, PasswordSchemes hashSchemes) {
    r.allowOnly(FIELDS);
    EmailAddress address = r.value("email", r.string("email", true), EmailAddress::parse);
    String password = r.string("password", false);
    String rawHash = r.string("passwordHash", false);
    PasswordHash hash = null;
    if (password != null && rawHash != null) {
      r.fail("passwordHash", "give password or passwordHash, not both");
    } else if (password == null
        && rawHash == null
        && absent(r, "password")
        && absent(r, "passwordHash")) {
      r.fail("password", "is required (or passwordHash, a hash an earlier system made)");
    } else if (password != null) {
      r.check(
          "password",
          () -> {
            PasswordPolicy.check(password);
            return password;
          });
    } else if (rawHash != null) {
      hash = r.value("passwordHash", rawHash, PasswordHash::new);
      if (hash != null) {
        String refusal = hashSchemes.refusal(hash.value()).orElse(null);
        if (refusal != null) {
          r.fail("passwordHash", refusal);
          hash = null;
        }
      }
    }
    DisplayName displayName =
        r.value("displayName", r.string("displayName", false), DisplayName::new);
    Long quota = r.integer("quotaBytes", false);
    QuotaBytes quotaBytes =
        quota == null ? QuotaBytes.DEFAULT : r.check("quotaBytes", () -> new QuotaBytes(quota));
    Boolean webhook = r.bool("webhookEnabled", false);
    List<EmailAddress> aliases = aliases(r, address);
    List<FieldError> errors = r.errors();
    String email = address == null ? null : address.value();
    if (!errors.isEmpty()) {
      return Row.refused(number, email, Refusal.of(ApiException.validation(errors)));
    }
    return new Row(
        number,
        email,
        new Wanted(
            address,
            password,
            hash,
            displayName,
            quotaBytes,
            Boolean.TRUE.equals(webhook),
            aliases),
        null);
  }

  private static boolean absent(JsonBody r, String name) {
    JsonNode v = r.root().get(name);
    return v == null || v.isNull();
  }

  private static List<EmailAddress> aliases(JsonBody r, EmailAddress address) {
    JsonNode node = r.root().get("aliases");
    if (node == null || node.isNull()) {
      return List.of();
    }
    if (!node.isArray()) {
      r.fail("aliases", "must be an array of addresses");
      return List.of();
    }
    if (node.size() > MAX_ALIASES) {
      r.fail("aliases", "must hold at most " + MAX_ALIASES + " addresses");
      return List.of();
    }
    Set<EmailAddress> aliases = new LinkedHashSet<>();
    int i = 0;
    for (JsonNode item : node) {
      String field = "aliases[" + i++ + "]";
      if (!item.isString()) {
        r.fail(field, "must be a string");
        continue;
      }
      try {
        EmailAddress alias = EmailAddress.parse(item.stringValue());
        if (alias.equals(address)) {
          r.fail(field, "is the mailbox's own address");
        } else if (!aliases.add(alias)) {
          r.fail(field, "is listed twice");
        }
      } catch (InvalidValueException e) {
        r.fail(field, e.reason());
      }
    }
    return List.copyOf(aliases);
  }
}
