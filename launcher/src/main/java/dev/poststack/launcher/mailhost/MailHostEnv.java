package dev.poststack.launcher.mailhost;

import dev.poststack.agent.mailhost.MailHostSettings;
import dev.poststack.launcher.ExitCodes;
import dev.poststack.launcher.LauncherEnv;
import dev.poststack.launcher.OperatorException;
import dev.poststack.renderer.hostconfig.HostSettings;
import dev.poststack.renderer.value.InvalidValueException;
import java.util.Optional;

/**
 * The local mail host's settings from the environment: {@code POSTSTACK_MAILHOST} ({@code auto}:
 * run one when Dovecot and Postfix are installed, {@code off}), {@code POSTSTACK_HOST_ID} (default
 * {@code local}), {@code POSTSTACK_KAFKA_BOOTSTRAP}, and the ports read by {@link MailHostSettings}.
 */
public record MailHostEnv(boolean enabled, String hostId, Optional<String> kafkaBootstrap, HostSettings settings) {

  public static MailHostEnv from(LauncherEnv env) {
    var vars = env.variables();
    String mode = vars.getOrDefault("POSTSTACK_MAILHOST", "auto").strip();
    if (!mode.equals("auto") && !mode.equals("off")) {
      throw new OperatorException("POSTSTACK_MAILHOST must be auto or off, got '" + mode + "'", ExitCodes.USAGE, null);
    }
    String bootstrap = vars.get("POSTSTACK_KAFKA_BOOTSTRAP");
    try {
      return new MailHostEnv(mode.equals("auto"), vars.getOrDefault("POSTSTACK_HOST_ID", "local").strip(),
          Optional.ofNullable(bootstrap).filter(b -> !b.isBlank()).map(String::strip),
          MailHostSettings.from(vars, env.mailHostDir()));
    } catch (InvalidValueException e) {
      throw new OperatorException("bad mail host setting: " + e.getMessage(), ExitCodes.USAGE, e);
    }
  }
}
