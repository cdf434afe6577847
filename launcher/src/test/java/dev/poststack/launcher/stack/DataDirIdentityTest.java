package dev.poststack.launcher.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.poststack.launcher.cli.ExitCodes;
import dev.poststack.launcher.cli.OperatorException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataDirIdentityTest {
  @TempDir Path dataDir;

  @Test
  void aNewDataDirectoryGetsItsOwnDatabaseNamedAfterItsId() {
    DataDirIdentity id = DataDirIdentity.establish(dataDir, Optional.empty());

    assertThat(id.id()).matches("[0-9a-f]{12}");
    assertThat(id.database()).isEqualTo("poststack_" + id.id());
    assertThat(id.adopted()).isFalse();
    assertThat(DataDirIdentity.establish(dataDir.resolveSibling("other"), Optional.empty()).id())
        .isNotEqualTo(id.id());
  }

  @Test
  void nothingIsRecordedUntilAskedSoARefusedDatabaseDoesNotStickToTheDirectory() {
    DataDirIdentity first = DataDirIdentity.establish(dataDir, Optional.of("taken"));

    assertThat(DataDirIdentity.read(dataDir)).isEmpty();
    assertThat(DataDirIdentity.establish(dataDir, Optional.empty()).database())
        .isNotEqualTo(first.database());
  }

  @Test
  void aRecordedIdentityIsFoundAgainAndKeepsItsDatabase() {
    DataDirIdentity made = DataDirIdentity.establish(dataDir, Optional.of("mine"));
    made.record(dataDir);

    assertThat(DataDirIdentity.establish(dataDir, Optional.empty())).isEqualTo(made);
    assertThat(DataDirIdentity.establish(dataDir, Optional.of("mine"))).isEqualTo(made);
  }

  @Test
  void anotherDatabaseForARecordedDirectoryIsAUsageErrorNamingBoth() {
    DataDirIdentity.establish(dataDir, Optional.of("mine")).record(dataDir);

    assertThatThrownBy(() -> DataDirIdentity.establish(dataDir, Optional.of("theirs")))
        .isInstanceOf(OperatorException.class)
        .hasMessageContaining("POSTSTACK_PG_DATABASE=theirs")
        .hasMessageContaining("database mine")
        .satisfies(e -> assertThat(((OperatorException) e).exitCode()).isEqualTo(ExitCodes.USAGE));
  }

  @Test
  void aDirectoryFromBeforeIdentitiesAdoptsTheDatabaseItUsedThen() throws Exception {
    Files.createDirectories(dataDir.resolve("kafka"));

    DataDirIdentity id = DataDirIdentity.establish(dataDir, Optional.empty());

    assertThat(id.database()).isEqualTo("poststack");
    assertThat(id.adopted()).isTrue();
  }

  @Test
  void theMailHostLivesWhereTheDaemonsCanReachItUnlessTheEnvironmentSaysOtherwise() {
    DataDirIdentity id = DataDirIdentity.establish(dataDir, Optional.empty());

    assertThat(
            LauncherEnv.from(Map.of("POSTSTACK_DATA_DIR", dataDir.toString()))
                .mailHostDir(id, "local"))
        .isEqualTo(Path.of("/var/lib/poststack", id.id(), "local"));
    assertThat(
            LauncherEnv.from(Map.of("POSTSTACK_MAILHOST_DIR", "/srv/mail/h1"))
                .mailHostDir(id, "local"))
        .isEqualTo(Path.of("/srv/mail/h1"));
  }
}
