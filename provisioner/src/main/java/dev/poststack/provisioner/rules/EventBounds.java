package dev.poststack.provisioner.rules;

import dev.poststack.schemas.RejectionCode;
import java.util.Optional;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecord;

/**
 * What no event may carry, checked before anything is read for it: a control character (U+0000
 * above all) in any string field, the envelope's included. PostgreSQL cannot store U+0000 in text,
 * so such an event could not even be looked up or audited, and would be retried forever; refused
 * here, it is audited as rejected and its partition moves on.
 */
final class EventBounds {
  private EventBounds() {}

  static Optional<Decision> refusal(SpecificRecord event) {
    return firstControlCharacter(event, "")
        .map(
            field ->
                Decision.rejected(
                    RejectionCode.VALIDATION_ERROR, field + ": contains a control character"));
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
      } else if (value instanceof CharSequence text && hasControlCharacter(text)) {
        return Optional.of(name);
      }
    }
    return Optional.empty();
  }

  static boolean hasControlCharacter(CharSequence text) {
    return text.codePoints().anyMatch(c -> Character.getType(c) == Character.CONTROL);
  }
}
