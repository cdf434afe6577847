package dev.poststack.admin.launcher;

import dev.poststack.admin.team.TeamAdmin;
import dev.poststack.admin.team.TeamRef;
import dev.poststack.launcher.spi.ImportKeys;
import dev.poststack.launcher.spi.StackEndpoints;

/** {@code poststack admin import}: a key of the team for the run, named for the audit log. */
public final class LauncherImportKeys implements ImportKeys {

  @Override
  public ImportKey mint(StackEndpoints stack, String team) {
    var db = LauncherAdmins.database(stack).withApiSchema();
    TeamRef found = TeamRef.find(db.jdbc(), team);
    TeamAdmin.TeamKeyWithId key = new TeamAdmin(db).mintKey(found.id(), "operator import");
    return new ImportKey(found.id(), found.name(), key.keyId(), key.apiKey());
  }

  @Override
  public void revoke(StackEndpoints stack, long keyId) {
    LauncherAdmins.teams(stack).revokeKey(keyId);
  }
}
