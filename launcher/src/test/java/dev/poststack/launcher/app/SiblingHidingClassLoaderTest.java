package dev.poststack.launcher.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SiblingHidingClassLoaderTest {
  @TempDir Path tmp;

  @Test
  void anAppSeesItsOwnApplicationPropertiesEvenWhenASiblingsJarComesFirst() throws Exception {
    Path sibling = root("sibling", "dev/poststack/fake/SiblingApplication.class");
    Path own = root("own", "dev/poststack/fake/OwnApplication.class");
    try (URLClassLoader flat =
        new URLClassLoader(new URL[] {sibling.toUri().toURL(), own.toUri().toURL()}, null)) {
      String siblingRoot =
          SiblingHidingClassLoader.rootOf(flat, "dev.poststack.fake.SiblingApplication")
              .orElseThrow();
      ClassLoader view = new SiblingHidingClassLoader(flat, List.of(siblingRoot));

      assertThat(flat.getResource("application.properties").toString()).contains("/sibling/");
      assertThat(view.getResource("application.properties").toString()).contains("/own/");
      assertThat(Collections.list(view.getResources("application.properties"))).hasSize(1);
    }
  }

  @Test
  void findsNoRootForAClassThatIsNotOnTheClasspath() {
    assertThat(
            SiblingHidingClassLoader.rootOf(
                getClass().getClassLoader(), "dev.poststack.nowhere.Missing"))
        .isEmpty();
  }

  private Path root(String name, String classFile) throws Exception {
    Path root = Files.createDirectories(tmp.resolve(name));
    Files.writeString(root.resolve("application.properties"), "owner=" + name + "\n");
    Path cls = root.resolve(classFile);
    Files.createDirectories(cls.getParent());
    Files.write(cls, new byte[0]);
    return root;
  }
}
