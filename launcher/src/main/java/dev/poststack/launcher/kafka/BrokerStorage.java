package dev.poststack.launcher.kafka;

import dev.poststack.launcher.cli.OperatorException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.Uuid;

/**
 * The broker's data directory: formatted once with a cluster id kept beside it, reused on every
 * later start so topics and records survive restarts.
 */
final class BrokerStorage {
  private BrokerStorage() {}

  /** Writes server.properties for the current ports and formats the log dir if it never was. */
  static void prepare(BrokerSettings settings, String classpath)
      throws IOException, InterruptedException {
    Files.createDirectories(settings.dataDir());
    Files.writeString(
        settings.serverProperties(), BrokerConfig.render(settings), StandardCharsets.UTF_8);
    if (Files.exists(settings.logDir().resolve("meta.properties"))) {
      return;
    }
    String clusterId = clusterId(settings);
    List<String> cmd =
        JavaCommand.of(
            classpath,
            BrokerClasspath.STORAGE_TOOL,
            List.of(
                "format",
                "-c",
                settings.serverProperties().toString(),
                "-t",
                clusterId,
                "--ignore-formatted"));
    Process format =
        new ProcessBuilder(cmd)
            .redirectErrorStream(true)
            .redirectOutput(
                ProcessBuilder.Redirect.appendTo(settings.dataDir().resolve("format.log").toFile()))
            .start();
    if (!format.waitFor(60, TimeUnit.SECONDS)) {
      format.destroyForcibly();
      throw new OperatorException(
          "formatting Kafka storage took over 60 s; see "
              + settings.dataDir().resolve("format.log"));
    }
    if (format.exitValue() != 0) {
      throw new OperatorException(
          "formatting Kafka storage failed (exit "
              + format.exitValue()
              + "); see "
              + settings.dataDir().resolve("format.log"));
    }
  }

  private static String clusterId(BrokerSettings settings) throws IOException {
    if (Files.exists(settings.clusterIdFile())) {
      return Files.readString(settings.clusterIdFile(), StandardCharsets.UTF_8).trim();
    }
    String id = Uuid.randomUuid().toString();
    Files.writeString(settings.clusterIdFile(), id + "\n", StandardCharsets.UTF_8);
    return id;
  }
}
