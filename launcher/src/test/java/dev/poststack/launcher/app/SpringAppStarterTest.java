package dev.poststack.launcher.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpringAppStarterTest {
  private static final Map<String, Object> LAUNCHER_PROPERTIES =
      Map.of(
          "spring.kafka.bootstrap-servers", "127.0.0.1:19092",
          "spring.main.web-application-type", "none",
          "spring.main.banner-mode", "off");

  @TempDir Path tmp;

  @Test
  void launcherPropertiesOutrankTheAppsOwnFileWhileTheAppKeepsItsOtherSettings() throws Exception {
    Path app =
        root(
            "app",
            "spring.kafka.bootstrap-servers=from-the-app-file:9092\npoststack.fixture.owner=app\n");
    try (URLClassLoader classpath =
            new URLClassLoader(new URL[] {app.toUri().toURL()}, getClass().getClassLoader());
        RunningApp running =
            new SpringAppStarter(classpath)
                .start(
                    new AppSpec(
                        "fixture",
                        FixtureApplication.class.getName(),
                        LAUNCHER_PROPERTIES,
                        List.of()))) {
      assertThat(running.property("spring.kafka.bootstrap-servers")).contains("127.0.0.1:19092");
      assertThat(running.property("poststack.fixture.owner")).contains("app");
    }
  }

  @Test
  void anAppNeverReadsASiblingAppsApplicationProperties() throws Exception {
    Path sibling = root("sibling", "poststack.fixture.owner=sibling\n");
    Files.createDirectories(sibling.resolve("dev/poststack/fake"));
    Files.write(sibling.resolve("dev/poststack/fake/SiblingApplication.class"), new byte[0]);
    Path app = root("app", "poststack.fixture.owner=app\n");
    URL[] siblingFirst = {sibling.toUri().toURL(), app.toUri().toURL()};
    AppSpec spec =
        new AppSpec(
            "fixture",
            FixtureApplication.class.getName(),
            LAUNCHER_PROPERTIES,
            List.of("dev.poststack.fake.SiblingApplication"));
    try (URLClassLoader classpath = new URLClassLoader(siblingFirst, getClass().getClassLoader());
        RunningApp running = new SpringAppStarter(classpath).start(spec)) {
      assertThat(running.property("poststack.fixture.owner")).contains("app");
    }
  }

  @Test
  void saysWhichClassIsMissingWhenAnAppIsNotInTheBuild() {
    AppSpec spec =
        new AppSpec("api", "dev.poststack.api.NotWrittenYet", LAUNCHER_PROPERTIES, List.of());

    assertThatThrownBy(() -> new SpringAppStarter(getClass().getClassLoader()).start(spec))
        .isInstanceOf(AppMissingException.class)
        .hasMessage("class dev.poststack.api.NotWrittenYet is not in this build");
  }

  private Path root(String name, String applicationProperties) throws Exception {
    Path root = Files.createDirectories(tmp.resolve(name));
    Files.writeString(root.resolve("application.properties"), applicationProperties);
    return root;
  }
}
