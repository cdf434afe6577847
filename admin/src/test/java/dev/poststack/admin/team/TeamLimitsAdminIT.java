package dev.poststack.admin.team;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.poststack.admin.AdminDatabase;
import dev.poststack.controlplane.limit.TeamLimit;
import dev.poststack.controlplane.limit.TeamLimits;
import dev.poststack.testing.TestDatabase;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.OptionalLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** An operator's per-team limits on a real PostgreSQL, with the API's own tables migrated first. */
class TeamLimitsAdminIT {
  private static TestDatabase db;
  private static TeamAdmin teams;
  private static TeamLimitsAdmin limits;

  @BeforeAll
  static void database() {
    db = TestDatabase.create();
    AdminDatabase admin = new AdminDatabase(db.jdbcUrl(), db.user(), db.password()).withApiSchema();
    teams = new TeamAdmin(admin);
    limits =
        new TeamLimitsAdmin(
            admin, TeamLimits.fromEnvironment(Map.of("POSTSTACK_LIMITS_MAILBOXES", "500")));
  }

  @AfterAll
  static void drop() {
    db.close();
  }

  @Test
  void aTeamWithoutOverridesHasTheDefaults() {
    String name = "Acme " + System.nanoTime();
    long id = teams.createTeam(name).teamId();

    TeamLimitsAdmin.TeamLimitsView view = limits.show(name);

    assertThat(view.teamId()).isEqualTo(id);
    assertThat(view.overrides()).isEmpty();
    assertThat(view.limits().of(TeamLimit.MAILBOXES)).isEqualTo(500);
    assertThat(view.limits().of(TeamLimit.API_KEYS)).isEqualTo(25);
  }

  @Test
  void anOverrideIsSetByIdOrNameAndClearedBackToTheDefault() {
    String name = "Beta " + System.nanoTime();
    long id = teams.createTeam(name).teamId();

    limits.set(
        Long.toString(id),
        Map.of(TeamLimit.MAILBOXES, OptionalLong.of(5000), TeamLimit.DOMAINS, OptionalLong.of(3)));
    TeamLimitsAdmin.TeamLimitsView raised =
        limits.set(name, Map.of(TeamLimit.DOMAINS, OptionalLong.of(4)));
    assertThat(raised.limits().of(TeamLimit.MAILBOXES)).isEqualTo(5000);
    assertThat(raised.limits().of(TeamLimit.DOMAINS)).isEqualTo(4);
    assertThat(raised.overrides()).containsOnlyKeys(TeamLimit.MAILBOXES, TeamLimit.DOMAINS);

    TeamLimitsAdmin.TeamLimitsView cleared =
        limits.set(name, Map.of(TeamLimit.MAILBOXES, OptionalLong.empty()));
    assertThat(cleared.limits().of(TeamLimit.MAILBOXES)).isEqualTo(500);
    assertThat(cleared.overrides()).containsOnlyKeys(TeamLimit.DOMAINS);
  }

  @Test
  void refusesAnUnknownTeamOrAValueOutOfRangeAndChangesNothing() {
    String name = "Gamma " + System.nanoTime();
    teams.createTeam(name);

    assertThatThrownBy(() -> limits.show("no such team " + System.nanoTime()))
        .isInstanceOf(NoSuchElementException.class)
        .hasMessageContaining("no team");
    assertThatThrownBy(
            () ->
                limits.set(
                    name,
                    Map.of(
                        TeamLimit.ALIASES,
                        OptionalLong.of(3),
                        TeamLimit.API_KEYS,
                        OptionalLong.of(-1))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("api-keys");
    assertThat(limits.show(name).overrides()).isEmpty();
  }
}
