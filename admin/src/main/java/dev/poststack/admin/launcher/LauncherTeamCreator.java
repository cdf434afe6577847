package dev.poststack.admin.launcher;

import dev.poststack.admin.team.TeamAdmin;
import dev.poststack.launcher.spi.StackEndpoints;

/** {@code poststack admin team create}: a team and its first key, printed once. */
public final class LauncherTeamCreator implements dev.poststack.launcher.spi.TeamCreator {

  @Override
  public CreatedTeam createTeam(StackEndpoints stack, String name) {
    TeamAdmin.TeamKey team = LauncherAdmins.teams(stack).createTeam(name);
    return new CreatedTeam(team.teamId(), name, team.apiKey());
  }
}
