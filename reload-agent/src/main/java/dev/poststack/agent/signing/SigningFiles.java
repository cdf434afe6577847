package dev.poststack.agent.signing;

import dev.poststack.renderer.host.DkimKeyEntry;
import dev.poststack.renderer.host.SenderEntry;
import dev.poststack.values.InvalidValueException;
import dev.poststack.values.dkim.DkimAlgorithm;
import dev.poststack.values.dkim.HostKeySeal;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes what rspamd signs with and checks From against, from the store's rows: key files first
 * (each opened from its seal, written to a temp file and renamed), then the two maps (renamed into
 * place; rspamd sees a rename through inotify in milliseconds), then the key files no row wants any
 * more. So a map never names a key file that is not there yet, and a key leaves only after the map
 * stopped naming it. A key that cannot be opened (no or another host seal key) is left out of the
 * map: its domain's submissions are then deferred (451), never sent unsigned.
 */
public final class SigningFiles {
  private static final Logger log = LoggerFactory.getLogger(SigningFiles.class);

  /** rspamd's group: it reads the keys and maps, nobody else but root does. */
  public static final String READER_GROUP = "_rspamd";

  private final Path keyDir;
  private final Path dkimKeysMap;
  private final Path senderOwnersMap;
  private final Optional<HostKeySeal> seal;

  /** Which sealed key each key file holds, so an unchanged key is not opened and written again. */
  private final Map<String, String> written = new HashMap<>();

  public SigningFiles(
      Path keyDir, Path dkimKeysMap, Path senderOwnersMap, Optional<HostKeySeal> seal) {
    this.keyDir = keyDir;
    this.dkimKeysMap = dkimKeysMap;
    this.senderOwnersMap = senderOwnersMap;
    this.seal = seal;
  }

  /** What one pass did: key files written and removed, keys that could not be opened. */
  public record Outcome(int keysWritten, int keysRemoved, List<String> unopened) {}

  public synchronized Outcome apply(List<SenderEntry> senders, List<DkimKeyEntry> keys) {
    try {
      directory(keyDir);
      directory(dkimKeysMap.getParent());
      List<DkimKeyEntry> usable = new ArrayList<>();
      List<String> unopened = new ArrayList<>();
      int keysWritten = 0;
      for (DkimKeyEntry key : keys) {
        String rel = SigningPlan.relativePath(key);
        Path file = keyDir.resolve(rel);
        if (key.sealedKey().value().equals(written.get(rel)) && Files.exists(file)) {
          usable.add(key);
          continue;
        }
        Optional<byte[]> content = keyFile(key);
        if (content.isEmpty()) {
          unopened.add(key.name());
          continue;
        }
        byte[] bytes = content.get();
        try {
          directory(file.getParent());
          writeAtomically(file, bytes);
        } finally {
          Arrays.fill(bytes, (byte) 0);
        }
        written.put(rel, key.sealedKey().value());
        usable.add(key);
        keysWritten++;
      }
      SigningPlan plan = SigningPlan.of(senders, usable, keyDir.toString());
      writeIfChanged(dkimKeysMap, plan.dkimKeysMap());
      writeIfChanged(senderOwnersMap, plan.senderOwnersMap());
      Set<String> wanted = new HashSet<>();
      keys.forEach(k -> wanted.add(SigningPlan.relativePath(k)));
      int removed = removeUnwanted(wanted);
      return new Outcome(keysWritten, removed, List.copyOf(unopened));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the signing files under " + keyDir, e);
    }
  }

  private Optional<byte[]> keyFile(DkimKeyEntry key) {
    if (seal.isEmpty()) {
      log.error(
          "cannot open the DKIM key {}: no host seal key (POSTSTACK_HOST_SEAL_KEY); submissions"
              + " from {} are deferred until it is set",
          key.name(),
          key.domain());
      return Optional.empty();
    }
    byte[] pkcs8;
    try {
      pkcs8 = seal.get().open(key.sealedKey(), key.name());
    } catch (InvalidValueException e) {
      log.error(
          "cannot open the DKIM key {} ({}); submissions from {} are deferred",
          key.name(),
          e.getMessage(),
          key.domain());
      return Optional.empty();
    }
    try {
      return Optional.of(
          key.algorithm() == DkimAlgorithm.RSA
              ? KeyFormats.rsaPem(pkcs8)
              : KeyFormats.ed25519Rspamd(pkcs8));
    } catch (IllegalArgumentException e) {
      log.error("the DKIM key {} is not a usable {} key", key.name(), key.algorithm());
      return Optional.empty();
    } finally {
      Arrays.fill(pkcs8, (byte) 0);
    }
  }

  private int removeUnwanted(Set<String> wanted) throws IOException {
    int removed = 0;
    List<Path> domains;
    try (Stream<Path> s = Files.list(keyDir)) {
      domains = s.filter(Files::isDirectory).toList();
    }
    for (Path domain : domains) {
      List<Path> files;
      try (Stream<Path> s = Files.list(domain)) {
        files = s.toList();
      }
      int left = files.size();
      for (Path f : files) {
        String rel = domain.getFileName() + "/" + f.getFileName();
        if (!wanted.contains(rel)) {
          Files.deleteIfExists(f);
          written.remove(rel);
          left--;
          if (!f.getFileName().toString().startsWith(".")) {
            removed++;
          }
        }
      }
      if (left == 0) {
        Files.deleteIfExists(domain);
      }
    }
    return removed;
  }

  /**
   * An empty map where none is yet, so rspamd starts with a file to watch; an existing one is kept
   * (the agent rewrites it from the store on its first pass, and rspamd must not lose it
   * meanwhile).
   */
  public static void ensureMap(Path map) {
    try {
      directory(map.getParent());
      if (!Files.exists(map)) {
        writeAtomically(map, HEADER_ONLY);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create " + map, e);
    }
  }

  private static final byte[] HEADER_ONLY =
      "# written by the poststack reload agent from its store\n".getBytes(StandardCharsets.UTF_8);

  private static void writeIfChanged(Path file, String text) throws IOException {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    if (Files.exists(file) && Arrays.equals(Files.readAllBytes(file), bytes)) {
      return;
    }
    writeAtomically(file, bytes);
  }

  /** Temp file 0640 root:_rspamd in the same directory, fsync, rename, fsync the directory. */
  static void writeAtomically(Path target, byte[] bytes) throws IOException {
    Path dir = target.getParent();
    Path temp = dir.resolve("." + target.getFileName() + ".tmp");
    Files.deleteIfExists(temp);
    Files.createFile(
        temp,
        java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
            java.nio.file.attribute.PosixFilePermissions.fromString("rw-------")));
    // owner and mode before any secret byte is written
    readerGroup(temp, 0640);
    try (FileChannel ch = FileChannel.open(temp, StandardOpenOption.WRITE)) {
      ByteBuffer buffer = ByteBuffer.wrap(bytes);
      while (buffer.hasRemaining()) {
        ch.write(buffer);
      }
      ch.force(true);
    }
    Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
      d.force(true);
    }
  }

  /** A directory 0750 root:_rspamd: rspamd walks it, nobody else may. */
  public static void directory(Path dir) throws IOException {
    Files.createDirectories(dir);
    readerGroup(dir, 0750);
  }

  private static void readerGroup(Path p, int mode) throws IOException {
    GroupPrincipal group =
        p.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByGroupName(READER_GROUP);
    Files.getFileAttributeView(p, PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS)
        .setGroup(group);
    Files.setAttribute(p, "unix:mode", mode);
  }
}
