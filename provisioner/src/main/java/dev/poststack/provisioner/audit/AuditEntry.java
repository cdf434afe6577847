package dev.poststack.provisioner.audit;

import dev.poststack.provisioner.rules.Change;
import dev.poststack.provisioner.rules.Decision;
import dev.poststack.provisioner.rules.EventBounds;
import dev.poststack.provisioner.rules.Snapshot;
import dev.poststack.schemas.EventType;
import dev.poststack.schemas.Events;
import dev.poststack.schemas.RequestOrigin;
import dev.poststack.schemas.event.Envelope;
import dev.poststack.schemas.event.MailboxDeleted;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecord;

/**
 * One row of {@code audit_event}: who did what, from which request (the server's id, the client's
 * own one if it sent one, and where the request came from: {@link RequestOrigin}), what it changed
 * ({@link AuditChanges}), with what outcome, read from where. Built purely from the event, the rows
 * its rule read and its decision; never carries a password hash. Every value is one PostgreSQL can
 * store, even for an event refused for breaking the bounds (control characters as U+FFFD, an
 * out-of-range time as the nearest bound), so a refusal can always be recorded.
 */
public record AuditEntry(
    UUID eventId,
    String eventType,
    long teamId,
    Instant occurredAt,
    String actorKind,
    String actorId,
    String requestId,
    String clientRequestId,
    String sourceIp,
    String userAgent,
    long domainId,
    Long mailboxId,
    Long aliasId,
    String outcome,
    String rejectionCode,
    String rejectionMessage,
    KafkaPosition position,
    Map<String, Object> details,
    Map<String, Object> changes) {

  public static final String APPLIED = "applied";
  public static final String REJECTED = "rejected";
  public static final String CLAIM_LOST_ACTOR = "domain-ownership";
  private static final Pattern SCHEME = Pattern.compile("\\{([A-Z0-9.-]{2,32})}");

  /**
   * @param before the rows the event's rule read (empty for an event refused before any read)
   */
  public static AuditEntry of(
      SpecificRecord event, Snapshot before, Decision decision, KafkaPosition position) {
    Envelope envelope = Events.envelope(event);
    // held to the API's rule again: the log is anyone's to write to
    RequestOrigin origin = RequestOrigin.of(envelope.getSourceIp(), envelope.getUserAgent());
    String code = null;
    String message = null;
    if (decision instanceof Decision.Rejected rejected) {
      code = rejected.code().code();
      message = rejected.message();
    }
    return new AuditEntry(
        envelope.getEventId(),
        EventType.of(event).eventName(),
        envelope.getTeamId(),
        EventBounds.storable(envelope.getOccurredAt()),
        envelope.getActor().getKind().name(),
        AuditValues.printable(envelope.getActor().getId()),
        AuditValues.printable(envelope.getRequestId()),
        AuditValues.printable(envelope.getClientRequestId()),
        origin.sourceIp(),
        origin.userAgent(),
        Events.domainId(event),
        idField(event, "mailboxId"),
        idField(event, "aliasId"),
        code == null ? APPLIED : REJECTED,
        code,
        message,
        position,
        details(event, decision),
        AuditChanges.of(event, before, decision));
  }

  /**
   * One row per domain of another team the decision changed (a claim failed because this event's
   * team proved the name), on that team's log: it must see why its domain failed, and nothing of
   * who proved it, nor where that team's request came from. The row's id is derived from the
   * event's and the domain's, so a replay writes the same one.
   */
  public static List<AuditEntry> forOtherTeams(
      SpecificRecord event, Snapshot before, Decision decision, KafkaPosition position) {
    Envelope envelope = Events.envelope(event);
    List<AuditEntry> out = new ArrayList<>();
    if (decision instanceof Decision.Applied applied) {
      for (Change change : applied.changes()) {
        if (change instanceof Change.SaveDomain saved
            && saved.domain().teamId() != envelope.getTeamId()) {
          UUID id =
              UUID.nameUUIDFromBytes(
                  ("claim-lost:" + envelope.getEventId() + ":" + saved.domain().id())
                      .getBytes(StandardCharsets.UTF_8));
          Map<String, Object> details = new LinkedHashMap<>();
          details.put("domainId", saved.domain().id());
          details.put("status", saved.domain().status().name());
          details.put("reason", "another team proved ownership of " + saved.domain().name());
          out.add(
              new AuditEntry(
                  id,
                  EventType.DOMAIN_UPDATED.eventName(),
                  saved.domain().teamId(),
                  EventBounds.storable(envelope.getOccurredAt()),
                  "system",
                  CLAIM_LOST_ACTOR,
                  "req_" + id.toString().replace("-", ""),
                  null,
                  null,
                  null,
                  saved.domain().id(),
                  null,
                  null,
                  APPLIED,
                  null,
                  null,
                  position,
                  details,
                  AuditChanges.ofDomain(before, saved.domain())));
        }
      }
    }
    return out;
  }

  private static Long idField(SpecificRecord event, String name) {
    Schema.Field field = event.getSchema().getField(name);
    return field == null ? null : (Long) event.get(field.pos());
  }

  /** The event's own fields (minus the envelope, which has columns) and what the apply cascaded. */
  static Map<String, Object> details(SpecificRecord event, Decision decision) {
    Map<String, Object> details = AuditValues.fieldsOf(event);
    details.remove("envelope");
    Object hash = details.remove("passwordHash");
    if (hash instanceof String h) {
      // the scheme says which hash a login will check; only a well-formed one is recorded
      Matcher scheme = SCHEME.matcher(h);
      if (scheme.lookingAt()) {
        details.put("passwordScheme", scheme.group(1));
      }
    }
    if (event instanceof MailboxDeleted && decision instanceof Decision.Applied applied) {
      List<Long> cascaded = new ArrayList<>();
      for (Change change : applied.changes()) {
        if (change instanceof Change.SaveAlias saved) {
          cascaded.add(saved.alias().id());
        }
      }
      details.put("aliasesDeleted", cascaded);
    }
    return new LinkedHashMap<>(details);
  }
}
