package dev.poststack.agent.mailhost;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * What rspamd compiled, shared by the mail hosts of one machine: rspamd's first start in an empty
 * DBDIR spends ~16 s (a minute under load) compiling its regular expressions into hyperscan
 * databases, and a host beside it compiling the same expressions writes the same files, since each
 * is named by the hash of what it holds and rspamd checks a file's header before it uses it (a file
 * it cannot use is compiled again). So a host copies in, before rspamd starts, what another host of
 * the same rspamd version compiled, and hands on what it compiled itself. Only those compiled files
 * travel: statistics, history and sockets stay each host's own, so what rspamd does with mail is
 * unchanged.
 *
 * <p>Best effort: a cache that cannot be read or written costs the compile time, never the host.
 * The directory must be owned by this user and writable by no one else, since rspamd loads the
 * files as they are.
 */
final class RspamdCache {
  /** Beside the hosts' own {@code /var/lib/poststack}: a cache, which can go at any time. */
  static final Path MACHINE_DIR = Path.of("/var/cache/poststack/rspamd");

  /** {@code <content hash>.hs} (regexp classes), {@code .hsmp}/{@code .hsmc} (multipatterns). */
  private static final Pattern COMPILED = Pattern.compile("[0-9a-f]{16,128}\\.(hs|hsmp|hsmc)");

  private final Path dir;

  /**
   * @param version rspamd's version line: a new rspamd starts from an empty cache rather than among
   *     files it would throw away
   */
  RspamdCache(Path root, String version) {
    this.dir = root.resolve(version.strip().replaceAll("[^A-Za-z0-9._-]+", "_"));
  }

  Path dir() {
    return dir;
  }

  /** Copies into {@code dbDir} the compiled files it lacks; returns how many. */
  int seed(Path dbDir) {
    if (!trusted(dir)) {
      return 0;
    }
    return copyMissing(dir, dbDir);
  }

  /** Adds to the cache the compiled files of {@code dbDir} it lacks; returns how many. */
  int publish(Path dbDir) {
    try {
      create(dir.getParent());
      create(dir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the rspamd cache " + dir, e);
    }
    if (!trusted(dir)) {
      return 0;
    }
    return copyMissing(dbDir, dir);
  }

  /**
   * Each file by a temporary name and a rename in the target directory, so neither rspamd nor a
   * host seeding at the same moment ever reads half a file; owner and mode travel with it.
   */
  private static int copyMissing(Path from, Path to) {
    int copied = 0;
    for (Path file : compiledFiles(from)) {
      Path target = to.resolve(file.getFileName());
      if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
        continue;
      }
      Path temp = to.resolve("." + file.getFileName() + "." + UUID.randomUUID() + ".tmp");
      try {
        Files.copy(file, temp, StandardCopyOption.COPY_ATTRIBUTES, LinkOption.NOFOLLOW_LINKS);
        try {
          Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
          Files.move(temp, target);
        }
        copied++;
      } catch (IOException e) {
        deleteQuietly(temp);
        throw new UncheckedIOException("cannot copy " + file + " to " + to, e);
      }
    }
    return copied;
  }

  /** Regular files named as rspamd names what it compiled; nothing else in a DBDIR. */
  static List<Path> compiledFiles(Path dir) {
    List<Path> files = new ArrayList<>();
    if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
      return files;
    }
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
      for (Path p : entries) {
        if (COMPILED.matcher(p.getFileName().toString()).matches()
            && Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
          files.add(p);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + dir, e);
    }
    return files;
  }

  private static void create(Path d) throws IOException {
    if (!Files.isDirectory(d, LinkOption.NOFOLLOW_LINKS)) {
      Files.createDirectories(
          d, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    }
  }

  /**
   * The cache and the directory it sits in: ours and writable by no one else, so nobody but us can
   * put a file there that rspamd would load.
   */
  private static boolean trusted(Path d) {
    String me = System.getProperty("user.name");
    try {
      for (Path p : List.of(d, d.getParent())) {
        if (!Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
          return false;
        }
        Set<PosixFilePermission> perms =
            Files.getPosixFilePermissions(p, LinkOption.NOFOLLOW_LINKS);
        boolean othersWrite =
            perms.contains(PosixFilePermission.GROUP_WRITE)
                || perms.contains(PosixFilePermission.OTHERS_WRITE);
        if (othersWrite || !Files.getOwner(p, LinkOption.NOFOLLOW_LINKS).getName().equals(me)) {
          return false;
        }
      }
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private static void deleteQuietly(Path p) {
    try {
      Files.deleteIfExists(p);
    } catch (IOException ignored) {
      // a stray temporary file is never read: its name is not a compiled file's
    }
  }
}
