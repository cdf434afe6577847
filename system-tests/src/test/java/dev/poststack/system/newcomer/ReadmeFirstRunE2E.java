package dev.poststack.system.newcomer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.poststack.agent.mailhost.MailHost;
import dev.poststack.system.support.ApiClient;
import dev.poststack.testing.FreePorts;
import dev.poststack.testing.MailDaemonsRequired;
import dev.poststack.testing.mail.MailClients;
import dev.poststack.testing.mail.MailEndpoints;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * README's first command as a newcomer runs it: a fresh copy of the repository under a mode-0700
 * parent (so also a data directory with a leading-dot segment, {@code .poststack}), nothing built,
 * {@code bin/poststack dev} with every default — the mail host included, since the daemons are
 * here. A SIGTERM during start-up stops it cleanly; a full start serves a new mailbox over the API,
 * IMAPS and SMTP; a SIGTERM stops everything; a second start still has the mailbox and its mail.
 */
class ReadmeFirstRunE2E {
  /** README's defaults: API, broker and its controller, IMAPS, POP3S, SMTP, submissions. */
  private static final List<Integer> DEFAULT_PORTS =
      List.of(8080, 19092, 19093, 10993, 10995, 10025, 10465);

  private static final Duration FIRST_START = Duration.ofMinutes(6); // builds the launcher first
  private static final Duration START = Duration.ofMinutes(2);

  private FreshClone clone;

  @BeforeEach
  void freshClone() throws Exception {
    MailDaemonsRequired.assumeAvailable(MailHost.unavailableReason());
    for (int port : DEFAULT_PORTS) {
      if (!FreePorts.isFree(port)) {
        String why =
            "port "
                + port
                + " (a README default) is in use; stop what holds it (a running bin/poststack"
                + " dev?)";
        MailDaemonsRequired.failUnderCi(why);
        Assumptions.abort(why);
      }
    }
    clone = FreshClone.of(Path.of("").toAbsolutePath().getParent());
  }

  @Test
  void aFreshCloneRunsTheReadmeCommandServesMailAndKeepsItAcrossARestart() throws Exception {
    try (DevRun first = DevRun.start(clone.root(), log("1-stopped-during-start-up"))) {
      // step 2's line ends when the broker is ready: the provisioner (a Spring app) is starting now
      first.await(l -> l.startsWith("[2/6] Kafka broker"), FIRST_START);
      assertThat(first.stop()).as(first.output()).isEqualTo(143);
      assertThat(first.output())
          .contains("Stopping after the current step", "stopped Kafka broker")
          .doesNotContain("PostStack ready");
      assertCleanStop(first);
    }

    String address = "newcomer@example.test";
    String password = "secure-password-123";
    String mailboxId;
    try (DevRun second = DevRun.start(clone.root(), log("2-first-full-start"))) {
      second.awaitReady(START);
      MailClients mail = mailClients(second);
      ApiClient api = new ApiClient(second.summary("API"), second.summary("API key"));
      String domainId =
          second
              .find(java.util.regex.Pattern.compile("example\\.test \\(id (\\d+),"))
              .orElseThrow();
      mailboxId =
          api.post(
                  "/mailboxes",
                  Map.of(
                      "domainId",
                      Long.parseLong(domainId),
                      "localPart",
                      "newcomer",
                      "password",
                      password,
                      "displayName",
                      "New Comer"))
              .expect(201)
              .at("/mailbox/publicId")
              .asString();

      await().atMost(Duration.ofSeconds(10)).until(() -> mail.imapLoginWorks(address, password));
      assertThat(mail.deliver("someone@remote.test", address, "hello newcomer")).isEqualTo(250);
      await()
          .atMost(Duration.ofSeconds(20))
          .until(() -> mail.imapSubjects(address, password).contains("hello newcomer"));

      assertThat(second.stop()).as(second.output()).isEqualTo(143);
      assertThat(second.output()).contains("stopped mail host", "stopped Kafka broker");
      assertCleanStop(second);
    }

    try (DevRun third = DevRun.start(clone.root(), log("3-restart"))) {
      third.awaitReady(START);
      ApiClient api = new ApiClient(third.summary("API"), third.summary("API key"));
      assertThat(
              api.get("/mailboxes/" + mailboxId).expect(200).at("/mailbox/emailAddress").asString())
          .isEqualTo(address);
      assertThat(mailClients(third).imapSubjects(address, password)).contains("hello newcomer");
      assertThat(third.stop()).as(third.output()).isEqualTo(143);
      assertCleanStop(third);
    }
  }

  /** No stack trace, no exception text, and nothing it started still running. */
  private void assertCleanStop(DevRun run) throws IOException {
    assertThat(run.output()).doesNotContain("Exception", "\tat ", "poststack: unexpected");
    String id = identity().getProperty("id");
    assertThat(
            ProcessHandle.allProcesses()
                .filter(
                    p ->
                        p.info()
                            .commandLine()
                            .map(
                                c ->
                                    c.contains(clone.root().toString())
                                        || c.contains("/var/lib/poststack/" + id))
                            .orElse(false)))
        .as("processes left by bin/poststack dev")
        .isEmpty();
  }

  private static MailClients mailClients(DevRun run) {
    return new MailClients(
        new MailEndpoints(10993, 10995, 10025, 10465, Path.of(run.summary("Certificate"))));
  }

  private Properties identity() throws IOException {
    Properties p = new Properties();
    try (Reader r = Files.newBufferedReader(clone.dataDir().resolve("identity.properties"))) {
      p.load(r);
    }
    return p;
  }

  private static Path log(String name) throws IOException {
    return Files.createDirectories(Path.of("target", "system-logs", "newcomer"))
        .resolve(name + ".log");
  }

  /** The data directory's database and mail host live outside the clone: remove them too. */
  @AfterEach
  void removeEverything() throws Exception {
    if (clone == null) {
      return;
    }
    if (Files.exists(clone.dataDir().resolve("identity.properties"))) {
      Properties id = identity();
      try (Connection c =
              DriverManager.getConnection(
                  "jdbc:postgresql://127.0.0.1:5432/postgres", "postgres", "");
          Statement s = c.createStatement()) {
        s.execute("drop database if exists \"" + id.getProperty("database") + "\" with (force)");
      }
      FreshClone.deleteTree(Path.of("/var/lib/poststack", id.getProperty("id")));
    }
    clone.close();
  }
}
