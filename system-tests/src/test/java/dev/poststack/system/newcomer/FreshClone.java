package dev.poststack.system.newcomer;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * What a newcomer gets from {@code git clone}: the repository's files — tracked, plus new ones not
 * ignored, so uncommitted work is tried too — and nothing built, in a fresh directory under a
 * parent of mode 0700 in the user's home (root's home is 0700 itself), as people really clone.
 */
final class FreshClone implements AutoCloseable {
  private final Path parent;
  private final Path root;

  private FreshClone(Path parent, Path root) {
    this.parent = parent;
    this.root = root;
  }

  static FreshClone of(Path repository) throws IOException, InterruptedException {
    Path parent =
        Files.createTempDirectory(
            Path.of(System.getProperty("user.home")),
            "poststack-newcomer-",
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    Path root = parent.resolve("poststack");
    Process ls =
        new ProcessBuilder(
                "git",
                "-C",
                repository.toString(),
                "ls-files",
                "-z",
                "--cached",
                "--others",
                "--exclude-standard")
            .redirectError(ProcessBuilder.Redirect.INHERIT)
            .start();
    String listing = new String(ls.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!ls.waitFor(60, TimeUnit.SECONDS) || ls.exitValue() != 0) {
      throw new IOException("git ls-files failed in " + repository);
    }
    for (String name : listing.split("\0")) {
      Path from = repository.resolve(name);
      if (name.isEmpty() || !Files.isRegularFile(from)) {
        continue; // deleted in the work tree, but still in the index
      }
      Path to = root.resolve(name);
      Files.createDirectories(to.getParent());
      Files.copy(from, to, StandardCopyOption.COPY_ATTRIBUTES);
    }
    return new FreshClone(parent, root);
  }

  Path root() {
    return root;
  }

  /** The default data directory, as {@code bin/poststack} chooses it. */
  Path dataDir() {
    return root.resolve(".poststack");
  }

  @Override
  public void close() throws IOException {
    deleteTree(parent);
  }

  static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
