package dev.poststack.api.audit;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * An audit row's {@code changes} as the API shows them: {@code {field: {from, to}}} in the order
 * the provisioner wrote them. The provisioner already records a password change as {@code
 * "changed"}; this says it again for any field named like a password or a hash, so a row written by
 * an older or faulty writer can never put a hash in an answer.
 */
final class AuditChanges {
  static final String CHANGED = "changed";
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final TypeReference<LinkedHashMap<String, Object>> MAP = new TypeReference<>() {};

  private AuditChanges() {}

  static Map<String, Object> parse(String json) {
    if (json == null || json.isBlank()) {
      return Map.of();
    }
    Map<String, Object> raw;
    try {
      raw = JSON.readValue(json, MAP);
    } catch (JacksonException e) {
      // the column is jsonb, so this cannot happen short of a corrupt row: show no changes
      return Map.of();
    }
    Map<String, Object> out = new LinkedHashMap<>();
    raw.forEach((field, value) -> out.put(field, secret(field) ? CHANGED : value));
    return out;
  }

  private static boolean secret(String field) {
    String f = field.toLowerCase(Locale.ROOT);
    return f.contains("password") || f.contains("hash") || f.contains("secret");
  }
}
