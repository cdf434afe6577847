package dev.poststack.launcher.admin;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.poststack.launcher.OwnServicesOnlyClassLoader;
import dev.poststack.launcher.cli.OperatorException;
import dev.poststack.launcher.spi.TeamCreator;
import dev.poststack.launcher.stack.Extensions;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AdminCallTest {
  @TempDir Path noServices;

  @Test
  void aCommandWithoutItsImplementationSaysWhoProvidesIt() throws Exception {
    Extensions none =
        new Extensions(new OwnServicesOnlyClassLoader(noServices, getClass().getClassLoader()));

    assertThatThrownBy(() -> AdminCall.require(none, TeamCreator.class, "admin team create"))
        .isInstanceOf(OperatorException.class)
        .hasMessageContaining("no TeamCreator implementation")
        .hasMessageContaining("module admin");
  }
}
