package dev.poststack.api.auth;

import java.util.List;

/**
 * Paths served without a key (health, metrics, the OpenAPI document); everything else needs one.
 */
public final class PublicPaths {
  private static final List<String> PREFIXES = List.of("/actuator", "/v3/api-docs");

  private PublicPaths() {}

  public static boolean matches(String path) {
    return PREFIXES.stream()
        .anyMatch(p -> path.equals(p) || path.startsWith(p + "/") || path.startsWith(p + "."));
  }
}
