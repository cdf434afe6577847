package dev.poststack.provisioner;

import dev.poststack.provisioner.app.OutcomeObserver;
import dev.poststack.provisioner.host.RelayObserver;
import java.util.Arrays;
import java.util.UUID;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.support.GenericApplicationContext;

/**
 * The provisioner in a child JVM that can die abruptly. With {@code --halt-after=<eventId>} it
 * halts the JVM (no shutdown hooks, no offset commit, no group leave: what SIGKILL does) right
 * after that event's transaction committed and before its offset is committed. With {@code
 * --halt-after-relay-send} it halts once the host-entry relay's first batch was acknowledged by the
 * broker and before the batch is marked published. Remaining arguments are properties, as the
 * launcher passes them.
 */
public final class CrashingProvisioner {
  static final String HALT_AFTER = "--halt-after=";
  static final String HALT_AFTER_RELAY_SEND = "--halt-after-relay-send";
  static final int HALTED = 137;

  private CrashingProvisioner() {}

  public static void main(String[] args) {
    String[] properties =
        Arrays.stream(args)
            .filter(a -> !a.startsWith(HALT_AFTER) && !a.equals(HALT_AFTER_RELAY_SEND))
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
    app.run();
  }
}
