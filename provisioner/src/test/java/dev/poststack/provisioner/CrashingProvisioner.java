package dev.poststack.provisioner;

import dev.poststack.provisioner.activity.ActivityObserver;
import dev.poststack.provisioner.app.OutcomeObserver;
import dev.poststack.provisioner.host.RelayObserver;
import dev.poststack.testing.TestDatabase;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.support.GenericApplicationContext;

/**
 * The provisioner in a child JVM that can die abruptly. With {@code --halt-after=<eventId>} it
 * halts the JVM (no shutdown hooks, no offset commit, no group leave: what SIGKILL does) right
 * after that event's transaction committed and before its offset is committed. With {@code
 * --halt-after-relay-send} it halts once the host-entry relay's first batch was acknowledged by the
 * broker and before the batch is marked published. With {@code --halt-after-activity-notice} it
 * halts after the first mail host activity batch that queued a quota notice committed, before its
 * offsets. Remaining arguments are properties, as the launcher passes them.
 */
public final class CrashingProvisioner {
  /** A dead consumer's partitions move to the others within about a second. */
  static final String[] FAST_FAILOVER = {
    "spring.kafka.consumer.properties.session.timeout.ms=1000",
    "spring.kafka.consumer.heartbeat-interval=250ms"
  };

  static final String HALT_AFTER = "--halt-after=";
  static final String HALT_AFTER_RELAY_SEND = "--halt-after-relay-send";

  /** Halts after the first activity batch that queued a quota notice committed. */
  public static final String HALT_AFTER_ACTIVITY_NOTICE = "--halt-after-activity-notice";

  public static final int HALTED = 137;

  private CrashingProvisioner() {}

  public static void main(String[] args) {
    String[] properties =
        Arrays.stream(args)
            .filter(
                a ->
                    !a.startsWith(HALT_AFTER)
                        && !a.equals(HALT_AFTER_RELAY_SEND)
                        && !a.equals(HALT_AFTER_ACTIVITY_NOTICE))
            .toArray(String[]::new);
    SpringApplicationBuilder app =
        new SpringApplicationBuilder(ProvisionerApplication.class)
            .web(WebApplicationType.NONE)
            .properties(properties);
    Arrays.stream(args)
        .filter(a -> a.startsWith(HALT_AFTER))
        .findFirst()
        .map(a -> UUID.fromString(a.substring(HALT_AFTER.length())))
        .ifPresent(
            target ->
                app.initializers(
                    context ->
                        ((GenericApplicationContext) context)
                            .registerBean(
                                "haltAfterCommit",
                                OutcomeObserver.class,
                                () ->
                                    (outcome, position) -> {
                                      if (outcome.eventId().equals(target)) {
                                        Runtime.getRuntime().halt(HALTED);
                                      }
                                    })));
    if (Arrays.asList(args).contains(HALT_AFTER_RELAY_SEND)) {
      app.initializers(
          context ->
              ((GenericApplicationContext) context)
                  .registerBean(
                      "haltAfterRelaySend",
                      RelayObserver.class,
                      () -> (batch, positions) -> Runtime.getRuntime().halt(HALTED)));
    }
    if (Arrays.asList(args).contains(HALT_AFTER_ACTIVITY_NOTICE)) {
      app.initializers(
          context ->
              ((GenericApplicationContext) context)
                  .registerBean(
                      "haltAfterActivityNotice",
                      ActivityObserver.class,
                      () ->
                          plan -> {
                            if (!plan.notices().isEmpty()) {
                              Runtime.getRuntime().halt(HALTED);
                            }
                          }));
    }
    app.run();
  }

  /**
   * This class in a child JVM on the test's classpath, as consumer group {@code group}, with a
   * short Kafka session so its partitions move quickly once it dies; output in {@code
   * target/<group>-child.log}. {@code extra} are its own arguments ({@link #HALT_AFTER}, ...).
   */
  public static Process start(String brokers, TestDatabase db, String group, String... extra)
      throws IOException {
    List<String> command =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m",
                "-XX:TieredStopAtLevel=1",
                "-cp",
                System.getProperty("java.class.path"),
                CrashingProvisioner.class.getName()));
    command.addAll(List.of(extra));
    command.addAll(Provisioners.standardProperties(brokers, db, group));
    command.addAll(List.of(FAST_FAILOVER));
    File output = new File("target/" + group + "-child.log");
    return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output).start();
  }
}
