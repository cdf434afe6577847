package dev.poststack.launcher.admin;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The first line of standard input, as {@code --password-stdin} reads it: UTF-8, without its line
 * end ({@code \n} or {@code \r\n}), spaces kept (they may be part of a password). Reads byte by
 * byte up to the line end, so nothing after it is consumed.
 */
final class StdinLine {
  /** Longer than any password a member may have: a stream that never ends a line is cut off. */
  static final int MAX_BYTES = 4096;

  private StdinLine() {}

  /** Empty when the input ends before a single character. */
  static Optional<String> read(InputStream in) throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    int b;
    boolean any = false;
    while ((b = in.read()) != -1) {
      any = true;
      if (b == '\n' || line.size() >= MAX_BYTES) {
        break;
      }
      line.write(b);
    }
    String text = line.toString(StandardCharsets.UTF_8);
    if (text.endsWith("\r")) {
      text = text.substring(0, text.length() - 1);
    }
    return any && !text.isEmpty() ? Optional.of(text) : Optional.empty();
  }
}
