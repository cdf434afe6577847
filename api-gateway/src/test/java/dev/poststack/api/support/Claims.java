package dev.poststack.api.support;

import java.util.List;
import java.util.Map;

/**
 * Domains as a customer registers them: created through the API, the token it answers read from
 * {@code dnsRecords}, and published on {@link SharedDns} like a customer would in their zone.
 */
public final class Claims {
  private Claims() {}

  /** A created domain and the ownership token the API asked its owner to publish. */
  public record Claim(long id, String name, String token) {
    public String tokenName() {
      return "_poststack-verification." + name;
    }

    public String tokenValue() {
      return "poststack-verification=" + token;
    }

    /** Publishes the token as its owner would. */
    public Claim publishToken() {
      SharedDns.get().txt(tokenName(), tokenValue());
      return this;
    }
  }

  /** Registers {@code name} for the key's team (expects 201). */
  public static Claim create(Api api, String name) {
    Map<?, ?> body =
        api.post("/domains", Map.of("name", name))
            .expectStatus()
            .isCreated()
            .expectBody(Map.class)
            .returnResult()
            .getResponseBody();
    Map<?, ?> domain = (Map<?, ?>) body.get("domain");
    String token = null;
    for (Object r : (List<?>) domain.get("dnsRecords")) {
      Map<?, ?> record = (Map<?, ?>) r;
      if ("verification".equals(record.get("purpose"))) {
        token = ((String) record.get("value")).substring("poststack-verification=".length());
      }
    }
    return new Claim(((Number) domain.get("id")).longValue(), name, token);
  }

  /** Registers {@code name} and publishes its token (its MX comes from the name, see SharedDns). */
  public static Claim published(Api api, String name) {
    return create(api, name).publishToken();
  }
}
