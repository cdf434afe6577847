package dev.poststack.launcher.dev;

import dev.poststack.launcher.spi.DevBootstrap;
import dev.poststack.launcher.spi.DevDomain;
import dev.poststack.launcher.spi.StackEndpoints;
import java.util.ArrayList;
import java.util.List;

/** Records what the dev command asks of a bootstrap; found through a test-only services file. */
public class FakeDevBootstrap implements DevBootstrap {
  static final List<String> CALLS = new ArrayList<>();

  @Override
  public String ensureDevTeam(StackEndpoints stack, String apiKeyOrNull) {
    CALLS.add("team " + stack.apiBaseUrl() + " " + apiKeyOrNull);
    return apiKeyOrNull != null ? apiKeyOrNull : "sk_live_generated";
  }

  @Override
  public DevDomain ensureDevDomain(StackEndpoints stack, String apiKey, String name) {
    CALLS.add("domain " + apiKey + " " + name);
    return new DevDomain(7, "dom_7", name);
  }

  @Override
  public String ensureDevMember(
      StackEndpoints stack, String apiKey, String email, String passwordOrNull) {
    CALLS.add("member " + apiKey + " " + email + " " + passwordOrNull);
    return passwordOrNull != null ? passwordOrNull : "generated-password";
  }
}
