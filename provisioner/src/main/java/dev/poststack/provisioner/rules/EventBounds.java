package dev.poststack.provisioner.rules;

import dev.poststack.schemas.Events;
import dev.poststack.schemas.RejectionCode;
import dev.poststack.schemas.RequestId;
import dev.poststack.schemas.event.Envelope;
import dev.poststack.values.Text;
import dev.poststack.values.mailbox.PasswordSchemes;
import java.time.Instant;
import java.util.Optional;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecord;

/**
 * What no event may carry, checked before anything is read for it: a control character (U+0000
 * above all) in any string field, the envelope's included — PostgreSQL cannot store U+0000 in text,
 * so such an event could not even be looked up or audited, and would be retried forever — an {@code
 * occurredAt} outside the years 1970 to 9999 (the API shows four-digit years, and beyond
 * PostgreSQL's range nothing could be stored either), a request id or client request id that breaks
 * {@link RequestId}'s rule, and a password hash outside {@link PasswordSchemes}. Refused here, it
 * is audited as rejected and its partition moves on.
 */
public final class EventBounds {
  /** The earliest {@code occurredAt} an event may carry. */
  public static final Instant EARLIEST = Instant.parse("1970-01-01T00:00:00Z");

  /** The latest {@code occurredAt} an event may carry. */
  public static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999Z");

  private EventBounds() {}

  static Optional<Decision> refusal(SpecificRecord event, PasswordSchemes schemes) {
    Optional<String> why =
        firstControlCharacter(event, "")
            .map(field -> field + ": contains a control character")
            .or(() -> envelopeRefusal(Events.envelope(event)))
            .or(
                () ->
                    passwordHash(event)
                        .flatMap(h -> schemes.refusal(h).map(r -> "passwordHash: " + r)));
    return why.map(reason -> Decision.rejected(RejectionCode.VALIDATION_ERROR, reason));
  }

  /**
   * An event time the audit log can store: the event's own, or the nearest bound for one that is
   * refused for being out of them (deterministic, so a replay writes the same row).
   */
  public static Instant storable(Instant occurredAt) {
    if (occurredAt.isBefore(EARLIEST)) {
      return EARLIEST;
    }
    return occurredAt.isAfter(LATEST) ? LATEST : occurredAt;
  }

  private static Optional<String> envelopeRefusal(Envelope envelope) {
    Instant at = envelope.getOccurredAt();
    if (at.isBefore(EARLIEST) || at.isAfter(LATEST)) {
      return Optional.of("envelope.occurredAt: must be between " + EARLIEST + " and " + LATEST);
    }
    String rule =
        ": must be 1 to " + RequestId.MAX_CLIENT_ID_LENGTH + " printable ASCII characters";
    if (!RequestId.isClientId(envelope.getRequestId())) {
      return Optional.of("envelope.requestId" + rule);
    }
    String client = envelope.getClientRequestId();
    if (client != null && !RequestId.isClientId(client)) {
      return Optional.of("envelope.clientRequestId" + rule);
    }
    return Optional.empty();
  }

  private static Optional<String> passwordHash(SpecificRecord event) {
    Schema.Field field = event.getSchema().getField("passwordHash");
    return field == null
        ? Optional.empty()
        : Optional.ofNullable(event.get(field.pos())).map(Object::toString);
  }

  private static Optional<String> firstControlCharacter(SpecificRecord record, String prefix) {
    for (Schema.Field field : record.getSchema().getFields()) {
      Object value = record.get(field.pos());
      String name = prefix + field.name();
      if (value instanceof SpecificRecord nested) {
        Optional<String> found = firstControlCharacter(nested, name + ".");
        if (found.isPresent()) {
          return found;
        }
      } else if (value instanceof CharSequence text && Text.hasControl(text)) {
        return Optional.of(name);
      }
    }
    return Optional.empty();
  }
}
