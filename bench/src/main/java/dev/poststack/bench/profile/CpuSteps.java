package dev.poststack.bench.profile;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;

/**
 * Where one JVM's CPU went, by step: each CPU sample of a JFR recording is charged to the first
 * step found walking its stack from the running frame outwards, so the password hash inside an API
 * handler counts as the hash and a JSON write inside the provisioner as JSON. Pure but for reading
 * the file.
 */
final class CpuSteps {
  private CpuSteps() {}

  /** A step and the frame prefixes (class names) that belong to it, first match wins. */
  record Step(String name, List<String> prefixes) {}

  static final List<Step> STEPS =
      List.of(
          new Step("password hash (SHA512-CRYPT)", List.of("org.apache.commons.codec.digest.")),
          new Step("PostgreSQL driver (R2DBC, JDBC)", List.of("io.r2dbc.", "org.postgresql.")),
          new Step(
              "Kafka client", List.of("org.apache.kafka.clients.", "org.apache.kafka.common.")),
          new Step(
              "Kafka broker",
              List.of(
                  "kafka.",
                  "org.apache.kafka.storage.",
                  "org.apache.kafka.server.",
                  "org.apache.kafka.raft.",
                  "org.apache.kafka.controller.",
                  "org.apache.kafka.metadata.",
                  "org.apache.kafka.image.",
                  "org.apache.kafka.coordinator.")),
          new Step("Avro", List.of("org.apache.avro.")),
          new Step("JSON (Jackson)", List.of("tools.jackson.", "com.fasterxml.jackson.")),
          new Step("HTTP and sockets (Netty)", List.of("io.netty.", "reactor.netty.")),
          new Step("logging", List.of("ch.qos.logback.", "org.slf4j.", "org.apache.logging.")),
          new Step("Reactor", List.of("reactor.")),
          new Step("Spring", List.of("org.springframework.")),
          new Step("API code", List.of("dev.poststack.api.")),
          new Step("provisioner code", List.of("dev.poststack.provisioner.")),
          new Step("other PostStack code", List.of("dev.poststack.")));

  static final String OTHER = "JDK and the rest";

  /** Samples per step (and {@link #OTHER}), in {@link #STEPS} order. */
  static Map<String, Long> of(Path recording) throws IOException {
    Map<String, Long> counts = new TreeMap<>();
    for (RecordedEvent e : RecordingFile.readAllEvents(recording)) {
      if (!e.getEventType().getName().equals("jdk.ExecutionSample") || e.getStackTrace() == null) {
        continue;
      }
      counts.merge(stepOf(e.getStackTrace().getFrames()), 1L, Long::sum);
    }
    return counts;
  }

  static String stepOf(List<RecordedFrame> frames) {
    List<String> types = new java.util.ArrayList<>();
    for (RecordedFrame f : frames) {
      if (f.getMethod() != null && f.getMethod().getType() != null) {
        types.add(f.getMethod().getType().getName());
      }
    }
    return stepOfTypes(types);
  }

  /** The step of a stack given as class names, running frame first. */
  static String stepOfTypes(List<String> types) {
    for (String type : types) {
      for (Step s : STEPS) {
        for (String p : s.prefixes()) {
          if (type.startsWith(p)) {
            return s.name();
          }
        }
      }
    }
    return OTHER;
  }
}
