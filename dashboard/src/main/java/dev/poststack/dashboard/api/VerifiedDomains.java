package dev.poststack.dashboard.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * The choices of a form's domain field: the team's verified domains from a {@code GET /domains}
 * answer (only those can have mailboxes and aliases), each as {@code id} and {@code name}.
 */
public final class VerifiedDomains {
  private VerifiedDomains() {}

  public static List<Map<String, Object>> of(ApiAnswer answer) {
    List<Map<String, Object>> out = new ArrayList<>();
    if (answer.ok()) {
      for (JsonNode d : answer.body().path("domains")) {
        if ("verified".equals(d.path("status").asString(""))) {
          out.add(Map.of("id", d.path("id").asLong(), "name", d.path("name").asString()));
        }
      }
    }
    return out;
  }
}
