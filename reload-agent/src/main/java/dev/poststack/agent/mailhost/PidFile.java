package dev.poststack.agent.mailhost;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** A daemon master's pid file (Dovecot's {@code master.pid}, Postfix's {@code pid/master.pid}). */
record PidFile(Path path) {

  /** The live process the file names, if any (a stale file from a crash names none). */
  Optional<ProcessHandle> process() {
    try {
      if (!Files.exists(path)) {
        return Optional.empty();
      }
      String text = Files.readString(path).strip();
      if (text.isEmpty()) {
        return Optional.empty();
      }
      return ProcessHandle.of(Long.parseLong(text)).filter(ProcessHandle::isAlive);
    } catch (IOException | NumberFormatException e) {
      return Optional.empty();
    }
  }

  boolean alive() {
    return process().isPresent();
  }
}
