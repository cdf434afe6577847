package dev.poststack.admin.launcher;

import dev.poststack.admin.member.MemberAdmin;
import dev.poststack.launcher.spi.MemberAccounts;
import dev.poststack.launcher.spi.StackEndpoints;

/** {@code poststack admin user create|list|disable}: the dashboard's members. */
public final class LauncherMemberAccounts implements MemberAccounts {

  @Override
  public CreatedMember create(
      StackEndpoints stack, String team, String email, String passwordOrNull) {
    MemberAdmin.CreatedMember m = LauncherAdmins.members(stack).create(team, email, passwordOrNull);
    return new CreatedMember(m.id(), m.teamId(), m.teamName(), m.email(), m.generatedPassword());
  }

  @Override
  public TeamMembers list(StackEndpoints stack, String team) {
    MemberAdmin.TeamMembers t = LauncherAdmins.members(stack).list(team);
    return new TeamMembers(
        t.teamId(),
        t.teamName(),
        t.members().stream()
            .map(m -> new Member(m.id(), m.email(), m.createdAt(), m.disabledAt()))
            .toList());
  }

  @Override
  public DisabledMember disable(StackEndpoints stack, String email) {
    MemberAdmin.DisabledMember d = LauncherAdmins.members(stack).disable(email);
    return new DisabledMember(
        d.id(), d.email(), d.disabledAt(), d.alreadyDisabled(), d.sessionsRevoked());
  }
}
