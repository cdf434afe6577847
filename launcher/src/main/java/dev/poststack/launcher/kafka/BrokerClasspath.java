package dev.poststack.launcher.kafka;

import dev.poststack.launcher.cli.OperatorException;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * The child broker JVM's classpath, written at build time by the launcher-kafka-broker module (its
 * jars stay off the launcher's own classpath: Scala, log4j and Kafka's server jars).
 */
final class BrokerClasspath {
  static final String RESOURCE = "dev/poststack/launcher/kafka/broker/classpath.txt";
  static final String MAIN_CLASS = "dev.poststack.launcher.kafka.broker.BrokerMain";
  static final String STORAGE_TOOL = "kafka.tools.StorageTool";
  static final String LOG_CONFIG = "poststack-broker-log4j2.properties";

  private BrokerClasspath() {}

  static String load() {
    String text;
    try (InputStream in = BrokerClasspath.class.getClassLoader().getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new OperatorException(
            "the Kafka broker's classpath list is missing from this build; run ./mvnw package");
      }
      text = new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
    } catch (IOException e) {
      throw new OperatorException(
          "cannot read the Kafka broker's classpath list: " + e.getMessage(), e);
    }
    List<String> entries =
        Arrays.stream(text.split(File.pathSeparator)).filter(s -> !s.isBlank()).toList();
    entries.stream()
        .filter(entry -> !Files.exists(Path.of(entry)))
        .findFirst()
        .ifPresent(
            missing -> {
              throw new OperatorException(
                  "Kafka broker jar "
                      + missing
                      + " is gone (cleaned local repository or moved checkout?); "
                      + "rebuild with ./mvnw package");
            });
    return String.join(File.pathSeparator, entries);
  }
}
