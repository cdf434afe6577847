package dev.poststack.agent.mailhost;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RspamdCacheTest {
  private static final String HS =
      "0735c140fc794064c96624cf5004019133542ef9e22c234602f69c883a8acfdf";
  private static final String HSMP =
      "08045173f342bfb22724a0f0fcc467bc908f83ada13c3608e0427142d71212a1";

  @TempDir Path temp;

  @Test
  void aSecondHostStartsWithWhatTheFirstCompiledAndNothingElseOfItsDbDir() throws IOException {
    Path first = dbDir("first");
    write(first, HS + ".hs", "regexps", "rw-------");
    write(first, HSMP + ".hsmp", "multipattern", "rw-r--r--");
    // rspamd's own state and its work files stay the host's own
    write(first, HS + ".hs.unser", "mapped", "rw-r--r--");
    write(first, HS + ".hs.new", "half written", "rw-------");
    write(first, "rspamd.rrd", "stats", "rw-r--r--");
    write(first, "stats.ucl", "counters", "rw-r--r--");
    RspamdCache cache = new RspamdCache(temp.resolve("cache"), "Rspamd daemon version 3.4");

    assertThat(cache.publish(first)).isEqualTo(2);
    Path second = dbDir("second");
    assertThat(cache.seed(second)).isEqualTo(2);

    assertThat(names(second)).containsExactlyInAnyOrder(HS + ".hs", HSMP + ".hsmp");
    assertThat(second.resolve(HS + ".hs")).hasContent("regexps");
    assertThat(
            PosixFilePermissions.toString(
                Files.getPosixFilePermissions(second.resolve(HS + ".hs"))))
        .isEqualTo("rw-------");
  }

  @Test
  void keepsWhatAHostOrTheCacheAlreadyHolds() throws IOException {
    RspamdCache cache = new RspamdCache(temp.resolve("cache"), "Rspamd daemon version 3.4");
    Path first = dbDir("first");
    write(first, HS + ".hs", "first", "rw-------");
    cache.publish(first);
    Path second = dbDir("second");
    write(second, HS + ".hs", "second", "rw-------");
    write(second, HSMP + ".hsmp", "second", "rw-r--r--");

    assertThat(cache.seed(second)).isZero();
    assertThat(cache.publish(second)).isEqualTo(1);

    assertThat(second.resolve(HS + ".hs")).hasContent("second");
    assertThat(cache.dir().resolve(HS + ".hs")).hasContent("first");
  }

  @Test
  void aNewRspamdVersionStartsFromAnEmptyCache() throws IOException {
    Path first = dbDir("first");
    write(first, HS + ".hs", "regexps", "rw-------");
    new RspamdCache(temp.resolve("cache"), "Rspamd daemon version 3.4").publish(first);

    Path second = dbDir("second");
    assertThat(new RspamdCache(temp.resolve("cache"), "Rspamd daemon version 3.8.1").seed(second))
        .isZero();
    assertThat(names(second)).isEmpty();
  }

  @Test
  void aCacheOthersCouldWriteToIsNotUsed() throws IOException {
    RspamdCache cache = new RspamdCache(temp.resolve("cache"), "Rspamd daemon version 3.4");
    Path first = dbDir("first");
    write(first, HS + ".hs", "regexps", "rw-------");
    cache.publish(first);
    Files.setPosixFilePermissions(cache.dir(), PosixFilePermissions.fromString("rwxrwxrwx"));

    Path second = dbDir("second");
    assertThat(cache.seed(second)).isZero();
    assertThat(names(second)).isEmpty();
  }

  private Path dbDir(String host) throws IOException {
    return Files.createDirectories(temp.resolve(host).resolve("lib/rspamd"));
  }

  private static void write(Path dir, String name, String content, String mode) throws IOException {
    Path f = Files.writeString(dir.resolve(name), content);
    Files.setPosixFilePermissions(f, PosixFilePermissions.fromString(mode));
  }

  private static java.util.List<String> names(Path dir) throws IOException {
    try (var files = Files.list(dir)) {
      return files.map(p -> p.getFileName().toString()).toList();
    }
  }
}
