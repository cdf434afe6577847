package dev.poststack.admin.launcher;

import dev.poststack.admin.AdminDatabase;
import dev.poststack.admin.domain.DomainAdmin;
import dev.poststack.admin.member.MemberAdmin;
import dev.poststack.admin.team.TeamAdmin;
import dev.poststack.launcher.spi.StackEndpoints;
import java.time.Duration;

/** The back ends the launcher's commands use, on the stack it names. */
final class LauncherAdmins {
  private static final Duration OUTCOME_TIMEOUT = Duration.ofSeconds(30);

  private LauncherAdmins() {}

  static AdminDatabase database(StackEndpoints stack) {
    return new AdminDatabase(stack.jdbcUrl(), stack.dbUser(), stack.dbPassword());
  }

  /** Teams live in the API's tables, which a command may meet before the API ever ran. */
  static TeamAdmin teams(StackEndpoints stack) {
    return new TeamAdmin(database(stack).withApiSchema());
  }

  /** Members live in the API's tables too. */
  static MemberAdmin members(StackEndpoints stack) {
    return new MemberAdmin(database(stack).withApiSchema());
  }

  static DomainAdmin domains(StackEndpoints stack, String operator) {
    return new DomainAdmin(
        database(stack), stack.kafkaBootstrapServers(), OUTCOME_TIMEOUT, operator);
  }
}
