package dev.poststack.admin.launcher;

import dev.poststack.admin.domain.DomainAdmin;
import dev.poststack.launcher.spi.DevBootstrap;
import dev.poststack.launcher.spi.DevDomain;
import dev.poststack.launcher.spi.StackEndpoints;
import dev.poststack.values.dkim.HostKeySeal;

/**
 * {@code poststack dev}: the dev team with its key, its verified domain and its dashboard member;
 * all idempotent.
 */
public final class LauncherDevBootstrap implements DevBootstrap {
  static final String DEV_TEAM = "dev";

  @Override
  public String ensureDevTeam(StackEndpoints stack, String apiKeyOrNull) {
    return LauncherAdmins.teams(stack).ensureTeamWithKey(DEV_TEAM, apiKeyOrNull).apiKey();
  }

  @Override
  public DevDomain ensureDevDomain(StackEndpoints stack, String apiKey, String name) {
    long teamId =
        LauncherAdmins.teams(stack)
            .teamOf(apiKey)
            .orElseThrow(() -> new IllegalArgumentException("that API key is not valid"));
    try (DomainAdmin admin = LauncherAdmins.domains(stack, "cli")) {
      long id = admin.ensureVerifiedDomain(teamId, name);
      if (stack.hostSealKey() != null) {
        // the dev domain is made by the operator path, which makes no key by itself
        admin.ensureDkimKey(id, HostKeySeal.fromBase64(stack.hostSealKey()));
      }
      DomainAdmin.DomainInfo domain = admin.describe(id).orElseThrow();
      return new DevDomain(domain.id(), domain.publicId(), domain.name());
    }
  }

  @Override
  public String ensureDevMember(
      StackEndpoints stack, String apiKey, String email, String passwordOrNull) {
    long teamId =
        LauncherAdmins.teams(stack)
            .teamOf(apiKey)
            .orElseThrow(() -> new IllegalArgumentException("that API key is not valid"));
    return LauncherAdmins.members(stack).ensureMember(teamId, email, passwordOrNull);
  }
}
