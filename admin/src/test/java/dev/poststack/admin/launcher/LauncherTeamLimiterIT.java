package dev.poststack.admin.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.poststack.admin.AdminDatabase;
import dev.poststack.admin.team.TeamAdmin;
import dev.poststack.launcher.spi.StackEndpoints;
import dev.poststack.launcher.spi.TeamLimiter;
import dev.poststack.testing.TestDatabase;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What {@code bin/poststack admin team limits} gets from module admin, found as the launcher does.
 */
class LauncherTeamLimiterIT {
  private static TestDatabase db;
  private static StackEndpoints stack;

  @BeforeAll
  static void database() {
    db = TestDatabase.create();
    stack =
        new StackEndpoints(
            "http://127.0.0.1:1",
            "127.0.0.1:1",
            db.jdbcUrl(),
            db.r2dbcUrl(),
            db.user(),
            db.password());
  }

  @AfterAll
  static void drop() {
    db.close();
  }

  private static TeamLimiter limiter() {
    return ServiceLoader.load(TeamLimiter.class).findFirst().orElseThrow();
  }

  @Test
  void setsAndClearsOverridesAndAnswersEveryLimitWithTheEnvironmentsDefaults() throws Exception {
    String name = "Acme " + System.nanoTime();
    new TeamAdmin(new AdminDatabase(db.jdbcUrl(), db.user(), db.password()).withApiSchema())
        .createTeam(name);
    Map<String, String> env = Map.of("POSTSTACK_LIMITS_ALIASES", "7");

    limiter().setLimits(stack, name, Map.of("domains", 3L, "mailboxes", 5000L), env);
    Map<String, Long> clear = new HashMap<>();
    clear.put("domains", null);
    TeamLimiter.TeamLimits after = limiter().setLimits(stack, name, clear, env);

    assertThat(after.teamName()).isEqualTo(name);
    assertThat(List.copyOf(after.limits().keySet()))
        .containsExactly("api-keys", "domains", "pending-domains", "mailboxes", "aliases");
    assertThat(after.limits())
        .containsEntry("domains", 50L)
        .containsEntry("mailboxes", 5000L)
        .containsEntry("aliases", 7L);
    assertThat(after.overrides()).containsExactly(Map.entry("mailboxes", 5000L));
  }

  @Test
  void anUnknownLimitOrABadSettingIsTheOperatorsMistake() {
    String name = "Beta " + System.nanoTime();
    new TeamAdmin(new AdminDatabase(db.jdbcUrl(), db.user(), db.password()).withApiSchema())
        .createTeam(name);

    assertThatThrownBy(() -> limiter().setLimits(stack, name, Map.of("inboxes", 3L), Map.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("no limit named inboxes");
    assertThatThrownBy(
            () ->
                limiter()
                    .setLimits(stack, name, Map.of(), Map.of("POSTSTACK_LIMITS_DOMAINS", "lots")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("POSTSTACK_LIMITS_DOMAINS");
  }
}
