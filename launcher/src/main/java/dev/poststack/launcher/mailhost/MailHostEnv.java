package dev.poststack.launcher.mailhost;

import dev.poststack.agent.mailhost.MailHostSettings;
import dev.poststack.launcher.cli.ExitCodes;
import dev.poststack.launcher.cli.OperatorException;
import dev.poststack.launcher.stack.DataDirIdentity;
import dev.poststack.launcher.stack.HostSealKey;
import dev.poststack.launcher.stack.LauncherEnv;
import dev.poststack.renderer.hostconfig.HostSettings;
import dev.poststack.values.InvalidValueException;
import dev.poststack.values.dkim.HostKeySeal;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The local mail host's settings from the environment: {@code POSTSTACK_MAILHOST} (see {@link
 * Mode}), {@code POSTSTACK_HOST_ID} (default {@code local}), {@code POSTSTACK_MAILHOST_LISTEN}
 * (default 127.0.0.1), {@code POSTSTACK_KAFKA_BOOTSTRAP}, {@code POSTSTACK_MAILHOST_DIR} (default
 * {@code /var/lib/poststack/<data dir id>/<host id>}) and the ports read by {@link
 * MailHostSettings}; the host seal key from {@link HostSealKey}.
 */
public record MailHostEnv(
    Mode mode,
    String hostId,
    Optional<String> kafkaBootstrap,
    HostSettings settings,
    HostKeySeal hostSeal) {

  /** Whether {@code dev} runs a mail host. */
  public enum Mode {
    /**
     * When Dovecot and Postfix are installed and we are root; if it cannot start, the rest runs on.
     */
    AUTO,
    /** Always; if it cannot run or start, {@code dev} stops with the reason. */
    ON,
    /** Never. */
    OFF
  }

  public static MailHostEnv from(LauncherEnv env, DataDirIdentity identity) {
    return from(env, identity, MailHostPlan.Host.FROM_ENVIRONMENT);
  }

  /**
   * The settings of one host: {@code host}'s id and listen address, where given (the {@code
   * mailhost} command's options, {@code dev --mail-hosts}' numbering), outrank {@code
   * POSTSTACK_HOST_ID} and {@code POSTSTACK_MAILHOST_LISTEN}.
   */
  public static MailHostEnv from(
      LauncherEnv env, DataDirIdentity identity, MailHostPlan.Host host) {
    Map<String, String> vars = new HashMap<>(env.variables());
    host.hostId().ifPresent(id -> vars.put("POSTSTACK_HOST_ID", id));
    host.listen().ifPresent(address -> vars.put("POSTSTACK_MAILHOST_LISTEN", address));
    Mode mode = mode(vars.getOrDefault("POSTSTACK_MAILHOST", "auto").strip());
    String hostId = vars.getOrDefault("POSTSTACK_HOST_ID", "local").strip();
    if (!hostId.matches("[a-z0-9][a-z0-9-]{0,62}")) {
      // also a directory name below /var/lib/poststack
      throw new OperatorException(
          (host.hostId().isPresent() ? "--host-id" : "POSTSTACK_HOST_ID")
              + " must be 1 to 63 of a-z, 0-9 and '-', got '"
              + hostId
              + "'",
          ExitCodes.USAGE,
          null);
    }
    String bootstrap = vars.get("POSTSTACK_KAFKA_BOOTSTRAP");
    try {
      return new MailHostEnv(
          mode,
          hostId,
          Optional.ofNullable(bootstrap).filter(b -> !b.isBlank()).map(String::strip),
          MailHostSettings.from(vars, env.mailHostDir(identity, hostId)),
          HostSealKey.seal(vars, env.dataDir()));
    } catch (InvalidValueException e) {
      String field =
          switch (e.field()) {
            case "baseDir" -> "POSTSTACK_MAILHOST_DIR";
            case "listenAddress" ->
                host.listen().isPresent() ? "--listen" : "POSTSTACK_MAILHOST_LISTEN";
            default -> e.field();
          };
      throw new OperatorException(
          "bad mail host setting " + field + ": " + e.reason(), ExitCodes.USAGE, e);
    }
  }

  private static Mode mode(String v) {
    try {
      return Mode.valueOf(v.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new OperatorException(
          "POSTSTACK_MAILHOST must be auto, on or off, got '" + v + "'", ExitCodes.USAGE, null);
    }
  }
}
