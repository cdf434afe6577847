package dev.poststack.api.launcher;

import dev.poststack.api.apikey.TeamAdmin;
import dev.poststack.api.domain.DomainAdmin;
import dev.poststack.launcher.spi.DevDomain;
import dev.poststack.launcher.spi.DevBootstrap;
import dev.poststack.launcher.spi.StackEndpoints;

/** {@code poststack dev}: the dev team with its key, and its verified domain; both idempotent. */
public final class LauncherDevBootstrap implements DevBootstrap {
  static final String DEV_TEAM = "dev";

  @Override
  public String ensureDevTeam(StackEndpoints stack, String apiKeyOrNull) {
    return teams(stack).ensureTeamWithKey(DEV_TEAM, apiKeyOrNull).apiKey();
  }

  @Override
  public DevDomain ensureDevDomain(StackEndpoints stack, String apiKey, String name) {
    long teamId = teams(stack).teamOf(apiKey).orElseThrow(() -> new IllegalArgumentException("that API key is not valid"));
    try (DomainAdmin admin = new DomainAdmin(stack.jdbcUrl(), stack.dbUser(), stack.dbPassword(), stack.kafkaBootstrapServers())) {
      long id = admin.ensureVerifiedDomain(teamId, name);
      DomainAdmin.DomainInfo domain = admin.describe(id).orElseThrow();
      return new DevDomain(domain.id(), domain.publicId(), domain.name());
    }
  }

  private static TeamAdmin teams(StackEndpoints stack) {
    return new TeamAdmin(stack.jdbcUrl(), stack.dbUser(), stack.dbPassword());
  }
}
