package dev.poststack.agent.activity;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads whole lines of the Dovecot log from a position, at most {@code maxBytes} at a time. A line
 * Dovecot is still writing (no newline yet) is left for the next read. The position it returns is
 * stored only after Kafka acknowledged what the lines became.
 */
final class LogTail {
  private LogTail() {}

  /** A whole line and the position just after it. */
  public record Line(String text, LogPosition after) {}

  /**
   * The lines read and the position after the last whole one; {@code full} when the read stopped at
   * its byte limit (more may be waiting).
   */
  public record Chunk(List<Line> lines, LogPosition next, boolean full) {}

  public static Chunk read(Path log, Optional<LogPosition> from, int maxBytes) {
    try (FileChannel ch = FileChannel.open(log, StandardOpenOption.READ)) {
      String key = fileKey(log);
      long size = ch.size();
      long offset =
          from.filter(p -> p.fileKey().equals(key) && p.offset() <= size)
              .map(LogPosition::offset)
              .orElse(0L); // a new file (replaced) or a shorter one (truncated): from its start
      ByteBuffer buf = ByteBuffer.allocate((int) Math.min(maxBytes, size - offset));
      while (buf.hasRemaining() && ch.read(buf, offset + buf.position()) > 0) {
        // read what is there
      }
      byte[] bytes = buf.array();
      int n = buf.position();
      List<Line> lines = new ArrayList<>();
      int start = 0;
      for (int i = 0; i < n; i++) {
        if (bytes[i] == '\n') {
          lines.add(
              new Line(
                  new String(bytes, start, i - start, StandardCharsets.UTF_8),
                  new LogPosition(key, offset + i + 1)));
          start = i + 1;
        }
      }
      if (start == 0 && n == maxBytes) {
        start = n; // one line longer than a whole read: skip it rather than stall here for ever
      }
      return new Chunk(lines, new LogPosition(key, offset + start), n == maxBytes);
    } catch (NoSuchFileException e) {
      return new Chunk(List.of(), from.orElse(new LogPosition("none", 0)), false);
    } catch (IOException e) {
      throw new ActivityException("cannot read " + log, e);
    }
  }

  private static String fileKey(Path log) throws IOException {
    Object key = Files.readAttributes(log, BasicFileAttributes.class).fileKey();
    return key == null ? "unknown" : key.toString();
  }
}
