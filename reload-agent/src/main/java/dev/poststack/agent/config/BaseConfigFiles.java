package dev.poststack.agent.config;

import dev.poststack.renderer.hostconfig.RenderedFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Writes a host's rendered base configuration: each file atomically (temp file in the same
 * directory, fsync, rename, fsync the directory), and only when its bytes differ, so a daemon is
 * reloaded only when what it reads has changed. A daemon never sees half a file.
 */
public final class BaseConfigFiles {
  private BaseConfigFiles() {}

  /** Returns the daemons whose files changed. */
  public static Set<RenderedFile.Daemon> write(Path configDir, List<RenderedFile> files) {
    Set<RenderedFile.Daemon> changed = EnumSet.noneOf(RenderedFile.Daemon.class);
    try {
      for (RenderedFile file : files) {
        Path target = configDir.resolve(file.name());
        byte[] bytes = file.bytes();
        if (Files.exists(target) && Arrays.equals(Files.readAllBytes(target), bytes)) {
          continue;
        }
        writeAtomically(target, bytes);
        changed.add(file.daemon());
      }
      return changed;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the base configuration under " + configDir, e);
    }
  }

  static void writeAtomically(Path target, byte[] bytes) throws IOException {
    Path dir = target.getParent();
    Files.createDirectories(dir);
    Path temp = dir.resolve("." + target.getFileName() + ".tmp");
    Files.deleteIfExists(temp);
    // world-readable: daemon processes running as their own users read these (no secrets inside)
    Files.createFile(
        temp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-r--r--")));
    try (FileChannel ch = FileChannel.open(temp, StandardOpenOption.WRITE)) {
      ByteBuffer buffer = ByteBuffer.wrap(bytes);
      while (buffer.hasRemaining()) {
        ch.write(buffer);
      }
      ch.force(true);
    }
    Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
      d.force(true); // the rename itself survives a power loss
    }
  }
}
