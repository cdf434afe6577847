package dev.poststack.api.auth;

import java.util.List;

/**
 * Paths served without a key (health, metrics, the OpenAPI document, and the dashboard, whose pages
 * check their own session cookie and call the API with the session); everything else needs one.
 */
public final class PublicPaths {
  private static final List<String> PREFIXES = List.of("/actuator", "/v3/api-docs", "/dashboard");

  private PublicPaths() {}

  /**
   * Mail client autodiscovery (Thunderbird, Outlook, Apple): answered without a key, but unlike the
   * paths above each request spends its address's unauthenticated budget, as a client with no key
   * does anywhere else.
   */
  private static final List<String> KEYLESS =
      List.of(
          "/mail/config-v1.1.xml",
          "/.well-known/autoconfig/mail/config-v1.1.xml",
          "/autodiscover/autodiscover.xml",
          "/Autodiscover/Autodiscover.xml",
          "/apple/mobileconfig");

  private static final String AUTODISCOVER_JSON = "/autodiscover/autodiscover.json/v1.0/";

  /** Served without a key, throttled per address like any request without one. */
  public static boolean keyless(String path) {
    return KEYLESS.contains(path) || path.startsWith(AUTODISCOVER_JSON);
  }

  /**
   * The operator endpoints (the host registry): never a team key; the host package checks the
   * operator token ({@code POSTSTACK_OPERATOR_TOKEN}) itself.
   */
  public static boolean operator(String path) {
    return path.equals("/hosts") || path.startsWith("/hosts/");
  }

  /**
   * Signing in ({@code POST /sessions}) and accepting an invitation ({@code POST
   * /invitations/accept}) are how a member gets a credential, so they need none.
   */
  public static boolean signIn(org.springframework.http.HttpMethod method, String path) {
    return org.springframework.http.HttpMethod.POST.equals(method)
        && (path.equals("/sessions") || path.equals("/invitations/accept"));
  }

  public static boolean matches(String path) {
    return PREFIXES.stream()
        .anyMatch(p -> path.equals(p) || path.startsWith(p + "/") || path.startsWith(p + "."));
  }
}
