package dev.poststack.provisioner.rules;

import dev.poststack.schemas.RejectionCode;
import dev.poststack.values.Text;
import java.util.Optional;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecord;

/**
 * What no event may carry, checked before anything is read for it: a control character (U+0000
 * above all) in any string field, the envelope's included — PostgreSQL cannot store U+0000 in text,
 * so such an event could not even be looked up or audited, and would be retried forever — and a
 * password hash outside {@link PasswordSchemes}. Refused here, it is audited as rejected and its
 * partition moves on.
 */
final class EventBounds {
  private EventBounds() {}

  static Optional<Decision> refusal(SpecificRecord event, PasswordSchemes schemes) {
    Optional<String> why =
        firstControlCharacter(event, "")
            .map(field -> field + ": contains a control character")
            .or(
                () ->
                    passwordHash(event)
                        .flatMap(h -> schemes.refusal(h).map(r -> "passwordHash: " + r)));
    return why.map(reason -> Decision.rejected(RejectionCode.VALIDATION_ERROR, reason));
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
