package dev.poststack.launcher.replay;

import dev.poststack.launcher.cli.ExitCodes;
import dev.poststack.launcher.cli.OperatorException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.TreeMap;

/** The replay's end as the operator writes it, checked before anything starts. */
final class ReplayArguments {
  private ReplayArguments() {}

  /** An ISO-8601 instant with its offset: {@code 2026-03-28T14:03:00Z}, {@code …+01:00}. */
  static Instant instant(String text) {
    try {
      return OffsetDateTime.parse(text.strip()).toInstant();
    } catch (DateTimeParseException e) {
      throw usage(
          "--until "
              + text
              + " is not an ISO-8601 instant with a zone offset, e.g. 2026-03-28T14:03:00Z");
    }
  }

  /** {@code partition:offset,…}, each offset the first one not replayed. */
  static Map<Integer, Long> offsets(String text) {
    Map<Integer, Long> offsets = new TreeMap<>();
    for (String part : text.split(",", -1)) {
      String[] po = part.strip().split(":", -1);
      if (po.length != 2) {
        throw usage("--until-offsets " + text + " is not a list of partition:offset pairs");
      }
      int partition;
      long offset;
      try {
        partition = Integer.parseInt(po[0].strip());
        offset = Long.parseLong(po[1].strip());
      } catch (NumberFormatException e) {
        throw usage("--until-offsets " + text + " is not a list of partition:offset pairs");
      }
      if (partition < 0 || offset < 0) {
        throw usage("--until-offsets " + text + ": partitions and offsets are not negative");
      }
      if (offsets.put(partition, offset) != null) {
        throw usage("--until-offsets " + text + " names partition " + partition + " twice");
      }
    }
    return offsets;
  }

  static OperatorException usage(String message) {
    return new OperatorException(message, ExitCodes.USAGE, null);
  }
}
