package dev.poststack.api.audit;

import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * An audit row's {@code changes} as the API shows them: {@code {field: {from, to}}} in the order
 * the row holds them. Fields named like a password, a hash or a secret arrive as {@code "changed"}
 * already: the select masks them ({@code AuditRows.MASKED_CHANGES}, shared with {@code admin
 * events}).
 */
final class AuditChanges {
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final TypeReference<LinkedHashMap<String, Object>> MAP = new TypeReference<>() {};

  private AuditChanges() {}

  static Map<String, Object> parse(String json) {
    if (json == null || json.isBlank()) {
      return Map.of();
    }
    try {
      return JSON.readValue(json, MAP);
    } catch (JacksonException e) {
      // the column is jsonb, so this cannot happen short of a corrupt row: show no changes
      return Map.of();
    }
  }
}
