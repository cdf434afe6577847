package dev.poststack.agent;

import dev.poststack.agent.activity.ActivitySettings;
import dev.poststack.agent.mailhost.MailHostSettings;
import dev.poststack.agent.reconcile.ReloadPacing;
import dev.poststack.agent.store.Durability;
import dev.poststack.renderer.hostconfig.HostSettings;
import dev.poststack.values.dkim.HostKeySeal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * One agent's settings: {@code --name=value} arguments, else {@code POSTSTACK_*} environment
 * variables. With a mail-host directory the agent also runs the host's Dovecot and Postfix.
 *
 * @param mailHost the private mail host to run, or empty for a store-only agent
 * @param postfixReloadWindow at most one {@code postfix reload} per this time (a domain change
 *     needs one); changes inside it share one reload that runs when it has passed
 * @param commitGap least time between two store commits while changes keep coming ({@link
 *     ReloadAgent#DEFAULT_COMMIT_GAP}); what arrives meanwhile joins the next commit
 */
public record AgentSettings(
    String hostId,
    String bootstrapServers,
    Path storePath,
    Durability durability,
    Duration reportEvery,
    int maxBurst,
    Optional<HostSettings> mailHost,
    Duration postfixReloadWindow,
    Optional<HostKeySeal> hostSeal,
    ActivitySettings activity,
    Duration commitGap) {

  public AgentSettings {
    if (commitGap == null || commitGap.isNegative()) {
      throw new IllegalArgumentException("the commit gap must be zero or positive");
    }
    if (activity == null) {
      throw new IllegalArgumentException("activity settings are required");
    }
    if (hostSeal == null) {
      throw new IllegalArgumentException("host seal: empty or present, never null");
    }
    if (hostId == null || !hostId.matches("[a-z0-9][a-z0-9-]{0,62}")) {
      throw new IllegalArgumentException(
          "host id must be 1 to 63 of a-z, 0-9 and '-', got '" + hostId + "'");
    }
    if (bootstrapServers == null || bootstrapServers.isBlank()) {
      throw new IllegalArgumentException("bootstrap servers are required");
    }
    if (maxBurst < 1) {
      throw new IllegalArgumentException("max burst must be positive");
    }
    if (postfixReloadWindow == null || postfixReloadWindow.isNegative()) {
      throw new IllegalArgumentException("the postfix reload window must be zero or positive");
    }
  }

  /** Activity forwarding with its defaults ({@link ActivitySettings#DEFAULT}). */
  public AgentSettings(
      String hostId,
      String bootstrapServers,
      Path storePath,
      Durability durability,
      Duration reportEvery,
      int maxBurst,
      Optional<HostSettings> mailHost,
      Duration postfixReloadWindow,
      Optional<HostKeySeal> hostSeal) {
    this(
        hostId,
        bootstrapServers,
        storePath,
        durability,
        reportEvery,
        maxBurst,
        mailHost,
        postfixReloadWindow,
        hostSeal,
        ActivitySettings.DEFAULT,
        ReloadAgent.DEFAULT_COMMIT_GAP);
  }

  /** Without a host seal key: DKIM keys cannot be opened, so submissions are deferred (451). */
  public AgentSettings(
      String hostId,
      String bootstrapServers,
      Path storePath,
      Durability durability,
      Duration reportEvery,
      int maxBurst,
      Optional<HostSettings> mailHost,
      Duration postfixReloadWindow) {
    this(
        hostId,
        bootstrapServers,
        storePath,
        durability,
        reportEvery,
        maxBurst,
        mailHost,
        postfixReloadWindow,
        Optional.empty());
  }

  /** With the default postfix reload window (5 s). */
  public AgentSettings(
      String hostId,
      String bootstrapServers,
      Path storePath,
      Durability durability,
      Duration reportEvery,
      int maxBurst,
      Optional<HostSettings> mailHost) {
    this(
        hostId,
        bootstrapServers,
        storePath,
        durability,
        reportEvery,
        maxBurst,
        mailHost,
        ReloadPacing.DEFAULT_WINDOW);
  }

  /** The agent's consumer group: one per host, so every host reads every entry. */
  public String groupId() {
    return "poststack-agent-" + hostId;
  }

  public static AgentSettings from(String[] args, Map<String, String> env) {
    Map<String, String> opts = new HashMap<>();
    for (String arg : args) {
      if (!arg.startsWith("--") || !arg.contains("=")) {
        throw new IllegalArgumentException("arguments are --name=value, got '" + arg + "'");
      }
      opts.put(arg.substring(2, arg.indexOf('=')), arg.substring(arg.indexOf('=') + 1));
    }
    Map<String, String> all = new HashMap<>(env);
    opts.forEach((k, v) -> all.put("POSTSTACK_" + k.toUpperCase(Locale.ROOT).replace('-', '_'), v));
    Optional<HostSettings> host =
        Optional.ofNullable(all.get("POSTSTACK_MAILHOST_DIR"))
            .map(dir -> MailHostSettings.from(all, Path.of(dir)));
    String store = all.get("POSTSTACK_AGENT_STORE");
    Path storePath =
        store != null
            ? Path.of(store)
            : host.map(h -> Path.of(h.storePath().value()))
                .orElseThrow(
                    () ->
                        new IllegalArgumentException(
                            "--agent-store or --mailhost-dir is required"));
    return new AgentSettings(
        all.get("POSTSTACK_HOST_ID"),
        all.getOrDefault("POSTSTACK_KAFKA_BOOTSTRAP", "127.0.0.1:19092"),
        storePath,
        Durability.valueOf(
            all.getOrDefault("POSTSTACK_AGENT_SYNC", "full").toUpperCase(Locale.ROOT)),
        Duration.ofSeconds(
            Long.parseLong(all.getOrDefault("POSTSTACK_AGENT_REPORT_SECONDS", "30"))),
        Integer.parseInt(all.getOrDefault("POSTSTACK_AGENT_MAX_BURST", "2000")),
        host,
        Duration.ofSeconds(
            Long.parseLong(
                all.getOrDefault(
                    "POSTSTACK_AGENT_POSTFIX_RELOAD_SECONDS",
                    Long.toString(ReloadPacing.DEFAULT_WINDOW.toSeconds())))),
        Optional.ofNullable(all.get(HOST_SEAL_KEY_ENV))
            .filter(v -> !v.isBlank())
            .map(HostKeySeal::fromBase64),
        ActivitySettings.from(all),
        Duration.ofMillis(
            Long.parseLong(
                all.getOrDefault(
                    "POSTSTACK_AGENT_COMMIT_GAP_MS",
                    Long.toString(ReloadAgent.DEFAULT_COMMIT_GAP.toMillis())))));
  }

  /** The base64 AES-256 key that opens the DKIM private keys the API sealed for the hosts. */
  public static final String HOST_SEAL_KEY_ENV = "POSTSTACK_HOST_SEAL_KEY";

  public AgentSettings withHostSeal(Optional<HostKeySeal> seal) {
    return new AgentSettings(
        hostId,
        bootstrapServers,
        storePath,
        durability,
        reportEvery,
        maxBurst,
        mailHost,
        postfixReloadWindow,
        seal,
        activity,
        commitGap);
  }

  public AgentSettings withMailHost(HostSettings settings) {
    return new AgentSettings(
        hostId,
        bootstrapServers,
        Path.of(settings.storePath().value()),
        durability,
        reportEvery,
        maxBurst,
        Optional.of(settings),
        postfixReloadWindow,
        hostSeal,
        activity,
        commitGap);
  }

  public AgentSettings withActivity(ActivitySettings a) {
    return new AgentSettings(
        hostId,
        bootstrapServers,
        storePath,
        durability,
        reportEvery,
        maxBurst,
        mailHost,
        postfixReloadWindow,
        hostSeal,
        a,
        commitGap);
  }
}
