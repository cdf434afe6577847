package dev.poststack.launcher.replay;

import dev.poststack.launcher.app.AppMissingException;
import dev.poststack.launcher.app.AppProperties;
import dev.poststack.launcher.app.AppSpec;
import dev.poststack.launcher.app.AppStarter;
import dev.poststack.launcher.app.RunningApp;
import dev.poststack.launcher.cli.ExitCodes;
import dev.poststack.launcher.cli.OperatorException;
import dev.poststack.launcher.cli.ProgressBar;
import dev.poststack.launcher.postgres.DatabaseClaim;
import dev.poststack.launcher.postgres.PostgresEndpoint;
import dev.poststack.launcher.spi.ApiTablesRestorer;
import dev.poststack.launcher.spi.EventReplayer;
import dev.poststack.launcher.spi.EventReplayer.Until;
import dev.poststack.launcher.spi.StackEndpoints;
import dev.poststack.launcher.stack.DataDirIdentity;
import dev.poststack.launcher.stack.Extensions;
import dev.poststack.launcher.stack.LauncherEnv;
import dev.poststack.launcher.stack.StackFile;
import dev.poststack.schemas.Topics;
import java.io.PrintStream;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code poststack replay}: the event log applied again by the provisioner's own code, into a
 * scratch database (never the live one), or with {@code --rebuild} into a live database that lost
 * its state.
 *
 * <p>The replay runs in a provisioner context started like {@code dev} starts it ({@link
 * AppStarter}, so it sees its own resources only), with its listeners and relay off and its
 * database the target; the launcher then calls that context's {@link EventReplayer} bean. The
 * launcher thereby needs the provisioner at run time only, as for {@code dev}, and the replay is
 * the provisioner's apply path, not a second one.
 */
@Command(
    name = "replay",
    description = {
      "Apply the event log again with the provisioner's rules, from its beginning to the end, an",
      "instant (--until) or offsets (--until-offsets), into a scratch database on the live",
      "database's server; dropped at the end unless --keep. --verify compares the replay of",
      "everything with the live state; --rebuild refills a live database that lost its state."
    })
public final class ReplayCommand implements Callable<Integer> {
  private static final String NAME = "[a-z_][a-z0-9_]{0,62}";

  private final Supplier<LauncherEnv> env;
  private final AppStarter apps;
  private final Extensions extensions;
  private final PrintStream out;
  private final PrintStream err;

  @Option(names = "--until", description = "ISO-8601 instant, e.g. 2026-03-28T14:03:00Z.")
  String until;

  @Option(
      names = "--until-offsets",
      description = "partition:offset,… for every partition; each offset is the first not read.")
  String untilOffsets;

  @Option(names = "--into", description = "Name the scratch database (new or empty).")
  String into;

  @Option(names = "--keep", description = "Keep the scratch database and print its name.")
  boolean keep;

  @Option(
      names = "--render",
      description = "Write the host entries as a host store and lines into this (new) directory.")
  java.nio.file.Path render;

  @Option(names = "--verify", description = "Replay everything; compare with the live state.")
  boolean verify;

  @Option(
      names = "--rebuild",
      description =
          "Refill the live database (its provisioner state empty, the provisioner stopped).")
  boolean rebuild;

  public ReplayCommand(
      Supplier<LauncherEnv> env,
      AppStarter apps,
      Extensions extensions,
      PrintStream out,
      PrintStream err) {
    this.env = env;
    this.apps = apps;
    this.extensions = extensions;
    this.out = out;
    this.err = err;
  }

  @Override
  public Integer call() throws Exception {
    Until end = end();
    LauncherEnv settings = env.get();
    StackEndpoints stack = StackFile.resolve(settings);
    PostgresEndpoint live = ReplayDatabases.live(stack);
    PostgresEndpoint target = rebuild ? live : scratch(live);
    boolean created = prepare(target, settings);
    if (rebuild) {
      restoreApiTables(stack);
    }
    try (RunningApp provisioner = start(stack, target, settings)) {
      EventReplayer replayer =
          provisioner
              .bean(EventReplayer.class)
              .orElseThrow(
                  () -> usage("this build's provisioner has no replay (rebuild the launcher)"));
      ProgressBar bar = new ProgressBar(err, "replaying", "events");
      Consumer<EventReplayer.Progress> progress =
          p -> bar.show(p.done(), p.total(), p.eventsPerSecond(), p.elapsed());
      EventReplayer.Result result;
      try {
        result = run(() -> rebuild ? replayer.rebuild(progress) : replayer.replay(end, progress));
      } finally {
        bar.finish();
      }
      out.println(ReplaySummary.of(result));
      if (render != null) {
        render(replayer, stack, end);
      }
      if (verify) {
        Optional<String> difference =
            run(() -> replayer.differenceFrom(live.jdbcUrl(), live.user(), live.password()));
        out.println(ReplaySummary.verdict(difference));
        return difference.isEmpty() ? ExitCodes.OK : ExitCodes.FAILED;
      }
      if (rebuild) {
        out.println(
            "Rebuilt " + target.database() + "; the provisioner resumes at the offsets above.");
      }
      return ExitCodes.OK;
    } finally {
      if (!rebuild) {
        if (keep) {
          out.println("Kept database " + target.database());
        } else if (created) {
          ReplayDatabases.drop(target);
        }
      }
    }
  }

  /**
   * The API's own rows (teams, API keys, team limits) from {@code poststack.control-records} (ADR
   * 0010), when the database lost them too; tables that still hold rows are left as they are.
   */
  private void restoreApiTables(StackEndpoints stack) {
    Optional<ApiTablesRestorer> restorer = extensions.find(ApiTablesRestorer.class);
    if (restorer.isEmpty()) {
      out.println(
          "The API's tables were left as they are: " + Extensions.missing(ApiTablesRestorer.class));
      return;
    }
    try {
      Map<String, Long> rows = restorer.get().restore(stack);
      out.println(
          "Restored the API's own rows from "
              + Topics.CONTROL_RECORDS.name()
              + ": "
              + rows.entrySet().stream()
                  .map(e -> e.getValue() + " " + e.getKey())
                  .collect(java.util.stream.Collectors.joining(", ")));
    } catch (IllegalStateException e) {
      out.println("The API's tables hold rows: kept as they are (" + e.getMessage() + ")");
    } catch (Exception e) {
      throw new OperatorException(
          "replay --rebuild: could not restore the API's tables: " + e.getMessage(),
          ExitCodes.FAILED,
          e);
    }
  }

  /**
   * The rendered store's content hash beside each host's last report at or before the instant: a
   * host that reports the same hash served exactly this state (its report may lag the instant).
   */
  private void render(EventReplayer replayer, StackEndpoints stack, Until end) throws Exception {
    HostStoreRender.Rendered rendered =
        HostStoreRender.write(render, run(replayer::hostEntryLines));
    out.println(
        "Rendered "
            + rendered.entries()
            + " host entries: "
            + rendered.store()
            + " and "
            + rendered.lines()
            + "; content hash "
            + rendered.contentHash());
    var reports = HostReports.lastBy(stack.kafkaBootstrapServers(), end.instant());
    if (reports.isEmpty()) {
      out.println(
          "No mail host reported " + (end.instant() == null ? "yet" : "by " + end.instant()));
    }
    reports.forEach(
        (host, report) ->
            out.println(
                "host "
                    + host
                    + " (report of "
                    + report.getAppliedAt()
                    + "): "
                    + (report.getContentHash().equals(rendered.contentHash())
                        ? "same content hash"
                        : "different content hash " + report.getContentHash())));
  }

  private Until end() {
    if (until != null && untilOffsets != null) {
      throw usage("--until and --until-offsets exclude each other");
    }
    if ((verify || rebuild) && (until != null || untilOffsets != null)) {
      throw usage((verify ? "--verify" : "--rebuild") + " replays the whole log: drop --until*");
    }
    if (rebuild && (verify || keep || into != null || render != null)) {
      throw usage(
          "--rebuild writes the live database: it takes no --verify, --keep, --into or --render");
    }
    if (until != null) {
      return new Until(ReplayArguments.instant(until), null);
    }
    if (untilOffsets != null) {
      return new Until(null, ReplayArguments.offsets(untilOffsets));
    }
    return Until.END;
  }

  private PostgresEndpoint scratch(PostgresEndpoint live) {
    String name = into == null ? ReplayDatabases.scratchName() : into.strip();
    if (!name.matches(NAME)) {
      throw usage("--into must match [a-z_][a-z0-9_]*, got '" + name + "'");
    }
    if (name.equals(live.database())) {
      throw usage("--into " + name + " is the live database; a replay never writes there");
    }
    return ReplayDatabases.sibling(live, name);
  }

  /** Creates the target when missing; returns whether it did. */
  private boolean prepare(PostgresEndpoint target, LauncherEnv settings) throws SQLException {
    if (ReplayDatabases.exists(target)) {
      if (!rebuild && ReplayDatabases.hasTables(target)) {
        throw usage("database " + target.database() + " is not empty; name a new or empty one");
      }
      return false;
    }
    ReplayDatabases.create(target);
    if (rebuild) {
      // the lost database comes back as this data directory's, so `dev` starts on it again
      DataDirIdentity.read(settings.dataDir())
          .ifPresent(id -> new DatabaseClaim(id.id(), settings.dataDir(), false).claim(target));
    }
    return true;
  }

  private RunningApp start(StackEndpoints stack, PostgresEndpoint target, LauncherEnv settings) {
    Map<String, Object> properties =
        AppProperties.provisioner(
            stack.kafkaBootstrapServers(), target, settings.logDir().resolve("replay.log"));
    // no live consumption, no host-entry publication: only the replay writes, only to the target
    properties.put("spring.kafka.listener.auto-startup", false);
    properties.put("poststack.provisioner.outbox.relay", false);
    // one transaction at a time: the default pool's ten connections would only crowd the server
    properties.put("spring.r2dbc.pool.initial-size", 1);
    properties.put("spring.r2dbc.pool.max-size", 2);
    // the Kafka client warns when a partition's offset lookup answers after the reader paused or
    // finished it: harmless, and an operator's terminal shows WARN lines (the replay log keeps
    // them)
    properties.put(
        "logging.level.org.apache.kafka.clients.consumer.internals.OffsetFetcherUtils", "ERROR");
    try {
      return apps.start(
          new AppSpec(
              "replay",
              AppProperties.PROVISIONER_MAIN,
              properties,
              List.of(AppProperties.API_MAIN)));
    } catch (AppMissingException e) {
      throw new OperatorException(
          "replay needs the provisioner, which is not in this build", ExitCodes.USAGE, e);
    } catch (RuntimeException e) {
      throw new OperatorException(
          "the replay's provisioner did not start: " + rootMessage(e), ExitCodes.FAILED, e);
    }
  }

  private static <T> T run(Callable<T> action) {
    try {
      return action.call();
    } catch (OperatorException e) {
      throw e;
    } catch (IllegalArgumentException e) {
      throw new OperatorException(e.getMessage(), ExitCodes.USAGE, e);
    } catch (IllegalStateException e) {
      throw new OperatorException(e.getMessage(), ExitCodes.FAILED, e);
    } catch (Exception e) {
      throw new OperatorException("replay failed: " + rootMessage(e), ExitCodes.FAILED, e);
    }
  }

  private static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    return String.valueOf(t.getMessage());
  }

  private static OperatorException usage(String message) {
    return ReplayArguments.usage(message);
  }
}
