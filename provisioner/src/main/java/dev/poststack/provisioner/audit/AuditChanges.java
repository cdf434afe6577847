package dev.poststack.provisioner.audit;

import dev.poststack.provisioner.alias.Alias;
import dev.poststack.provisioner.domain.Domain;
import dev.poststack.provisioner.mailbox.Mailbox;
import dev.poststack.provisioner.rules.Change;
import dev.poststack.provisioner.rules.Decision;
import dev.poststack.provisioner.rules.Snapshot;
import dev.poststack.schemas.Events;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecord;

/**
 * What an event changed in its object, as the audit log shows it: {@code {field: {from, to}}} with
 * the field names and values of the API's answers (camelCase, statuses in lower case, timestamps as
 * ISO-8601 UTC with milliseconds). Computed from the row before the event (the {@link Snapshot} its
 * rule read) and the row its decision saves, so it is what happened, not what was asked for: an
 * unchanged field is absent, a create shows {@code from: null}, a refusal changed nothing ({@code
 * {}}). A delete shows {@code status: {to: "deleted"}} for every kind of object. A new password
 * hash is {@code password: "changed"}, never a hash, a scheme or a {@code {from, to}}.
 */
public final class AuditChanges {
  /** The one value a password change is shown as. */
  public static final String PASSWORD_CHANGED = "changed";

  private static final DateTimeFormatter MILLIS =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

  private AuditChanges() {}

  /**
   * The changes of the object the event names: its alias if it names one, else its mailbox, else
   * its domain. Objects a decision changes besides (an alias deleted with its mailbox, another
   * team's claim failed) are not this event's object; their own rows say what happened to them.
   */
  public static Map<String, Object> of(SpecificRecord event, Snapshot before, Decision decision) {
    if (!(decision instanceof Decision.Applied applied)) {
      return Map.of();
    }
    Long aliasId = idField(event, "aliasId");
    Long mailboxId = idField(event, "mailboxId");
    // the last save of the object is its state after the event
    for (int i = applied.changes().size() - 1; i >= 0; i--) {
      Change change = applied.changes().get(i);
      if (aliasId != null) {
        if (change instanceof Change.SaveAlias saved && saved.alias().id() == aliasId) {
          return alias(aliasBefore(before, aliasId).orElse(null), saved.alias());
        }
      } else if (mailboxId != null) {
        if (change instanceof Change.SaveMailbox saved && saved.mailbox().id() == mailboxId) {
          return mailbox(
              before.mailbox().filter(m -> m.id() == mailboxId).orElse(null), saved.mailbox());
        }
      } else if (change instanceof Change.SaveDomain saved
          && saved.domain().id() == Events.domainId(event)) {
        return domain(domainBefore(before, saved.domain().id()).orElse(null), saved.domain());
      }
    }
    return Map.of();
  }

  /** The changes of a domain the decision saved, from the snapshot's row of it. */
  public static Map<String, Object> ofDomain(Snapshot before, Domain after) {
    return domain(domainBefore(before, after.id()).orElse(null), after);
  }

  static Map<String, Object> mailbox(Mailbox before, Mailbox after) {
    Fields fields = new Fields();
    fields.put("emailAddress", before == null ? null : before.emailAddress(), after.emailAddress());
    fields.put("displayName", before == null ? null : before.displayName(), after.displayName());
    fields.put("quotaBytes", before == null ? null : before.quotaBytes(), after.quotaBytes());
    fields.put(
        "status", before == null ? null : before.status().wireName(), after.status().wireName());
    fields.put(
        "webhookEnabled", before == null ? null : before.webhookEnabled(), after.webhookEnabled());
    if (!Objects.equals(before == null ? null : before.passwordHash(), after.passwordHash())) {
      fields.changes.put("password", PASSWORD_CHANGED);
    }
    return fields.changes;
  }

  static Map<String, Object> alias(Alias before, Alias after) {
    Fields fields = new Fields();
    fields.put("aliasAddress", before == null ? null : before.aliasAddress(), after.aliasAddress());
    fields.put(
        "destinationMailboxId",
        before == null ? null : before.destinationMailboxId(),
        after.destinationMailboxId());
    fields.put("status", before == null ? null : status(before), status(after));
    return fields.changes;
  }

  static Map<String, Object> domain(Domain before, Domain after) {
    Fields fields = new Fields();
    fields.put("name", before == null ? null : before.name(), after.name());
    fields.put("status", before == null ? null : status(before), status(after));
    fields.put(
        "inboundEnabled", before == null ? null : before.inboundEnabled(), after.inboundEnabled());
    fields.put(
        "verifiedAt",
        before == null ? null : millis(before.verifiedAt()),
        millis(after.verifiedAt()));
    return fields.changes;
  }

  private static String status(Alias alias) {
    return alias.isLive() ? "active" : "deleted";
  }

  private static String status(Domain domain) {
    return domain.isLive() ? domain.status().name() : "deleted";
  }

  private static String millis(Instant at) {
    return at == null ? null : MILLIS.format(at);
  }

  private static Optional<Alias> aliasBefore(Snapshot before, long id) {
    return before
        .alias()
        .filter(a -> a.id() == id)
        .or(() -> before.liveAliasAtAddress().filter(a -> a.id() == id))
        .or(() -> before.liveAliasesToMailbox().stream().filter(a -> a.id() == id).findFirst());
  }

  private static Optional<Domain> domainBefore(Snapshot before, long id) {
    return before
        .domain()
        .filter(d -> d.id() == id)
        .or(() -> before.nameHolder().filter(d -> d.id() == id))
        .or(() -> before.liveDomainsNamed().stream().filter(d -> d.id() == id).findFirst());
  }

  private static Long idField(SpecificRecord event, String name) {
    Schema.Field field = event.getSchema().getField(name);
    return field == null ? null : (Long) event.get(field.pos());
  }

  /** The changed fields in the order they are put, each as {@code {from, to}}. */
  private static final class Fields {
    final Map<String, Object> changes = new LinkedHashMap<>();

    void put(String field, Object from, Object to) {
      if (!Objects.equals(from, to)) {
        Map<String, Object> change = new LinkedHashMap<>();
        change.put("from", from);
        change.put("to", to);
        changes.put(field, change);
      }
    }
  }
}
