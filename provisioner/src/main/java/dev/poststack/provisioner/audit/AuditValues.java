package dev.poststack.provisioner.audit;

import dev.poststack.values.Text;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericEnumSymbol;
import org.apache.avro.specific.SpecificRecord;

/** Turns an Avro record into plain JSON-ready values, in schema field order. */
final class AuditValues {
  private AuditValues() {}

  static Map<String, Object> fieldsOf(SpecificRecord record) {
    Map<String, Object> fields = new LinkedHashMap<>();
    for (Schema.Field field : record.getSchema().getFields()) {
      fields.put(field.name(), plain(record.get(field.pos())));
    }
    return fields;
  }

  private static Object plain(Object value) {
    if (value == null || value instanceof Boolean || value instanceof Number) {
      return value;
    }
    if (value instanceof SpecificRecord nested) {
      return fieldsOf(nested);
    }
    if (value instanceof Enum<?> || value instanceof GenericEnumSymbol<?>) {
      return value.toString();
    }
    // CharSequence, UUID, Instant: their text form is what a reader of the audit log expects
    return printable(value.toString());
  }

  /**
   * Control characters as U+FFFD: only a rejected event can carry them, and PostgreSQL stores no
   * U+0000 in text or jsonb, so its audit row could not be written otherwise.
   */
  static String printable(String text) {
    if (text == null || !Text.hasControl(text)) {
      return text;
    }
    StringBuilder out = new StringBuilder(text.length());
    text.codePoints().forEach(c -> out.appendCodePoint(Text.isControl(c) ? 0xFFFD : c));
    return out.toString();
  }
}
