package dev.poststack.agent.activity;

import static dev.poststack.agent.HostStates.state;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.poststack.agent.AgentRuntime;
import dev.poststack.agent.AgentSettings;
import dev.poststack.agent.mailhost.MailHost;
import dev.poststack.agent.mailhost.RunningMailHost;
import dev.poststack.agent.store.Durability;
import dev.poststack.renderer.host.EntryChange;
import dev.poststack.renderer.host.HostEntries;
import dev.poststack.renderer.host.HostEntry;
import dev.poststack.renderer.host.HostState;
import dev.poststack.schemas.host.MailDelivered;
import dev.poststack.schemas.host.MailboxActivity;
import dev.poststack.testing.FreePorts;
import dev.poststack.testing.MailDaemonsRequired;
import dev.poststack.testing.mail.SubmissionSession;
import jakarta.mail.Address;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * A real Dovecot + Postfix records logins, usage and deliveries on the host; the agent forwards
 * them to a real (embedded) Kafka. Each test owns its mailboxes; the last one replaces the agent's
 * forwarder (Kafka unreachable, then back, then a restart).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ActivityE2E {
  private static final Duration WAIT = Duration.ofSeconds(30);
  private static RunningMailHost host;
  private static HostRecords records;

  @BeforeAll
  static void start() throws Exception {
    MailDaemonsRequired.assumeAvailable(MailHost.unavailableReason());
    host =
        new RunningMailHost(
            "activity",
            List.of(),
            Optional.empty(),
            new ActivitySettings(true, Duration.ofMillis(200), 500));
    records = new HostRecords(host.kafka.bootstrap());
  }

  @AfterAll
  static void stop() {
    if (host != null) {
      host.close();
    }
  }

  private static void publish(HostState s) {
    List<EntryChange> changes = new ArrayList<>();
    for (HostEntry e : HostEntries.render(s)) {
      changes.add(new EntryChange.Put(e));
    }
    host.publishAndAwait(changes);
  }

  private static MailboxActivity awaitLogin(String address, String service) {
    return await()
        .atMost(WAIT)
        .pollInterval(Duration.ofMillis(200))
        .until(
            () ->
                records.activity(address).stream()
                    .filter(a -> service.equals(a.getLastLoginService()))
                    .findFirst(),
            Optional::isPresent)
        .orElseThrow();
  }

  @Test
  @Order(1)
  void imapsPop3sAndSmtpAuthLoginsEachProduceALastLoginWithTheirService() throws Exception {
    publish(
        state()
            .domain(1, "one.test")
            .mailbox(11, "imap-user@one.test", "pw-imap")
            .mailbox(12, "pop-user@one.test", "pw-pop")
            .mailbox(13, "smtp-user@one.test", "pw-smtp")
            .mailbox(14, "wrong-pw@one.test", "pw-right")
            .build());
    Instant before = Instant.now().minusSeconds(2);
    // wrong passwords first: had they been recorded, their rows would go out with the others
    assertThat(host.mail.imapLoginWorks("wrong-pw@one.test", "nope")).isFalse();
    assertThat(host.mail.pop3LoginWorks("wrong-pw@one.test", "nope")).isFalse();
    assertThat(
            host.mail.submit("wrong-pw@one.test", "nope", "wrong-pw@one.test", "x@one.test", "x"))
        .isNotEqualTo(250);

    assertThat(host.mail.imapLoginWorks("IMAP-User@one.test", "pw-imap")).isTrue();
    assertThat(host.mail.pop3LoginWorks("pop-user@one.test", "pw-pop")).isTrue();
    try (SubmissionSession s = host.mail.openSubmission("smtp-user@one.test", "pw-smtp")) {
      assertThat(s.isOpen()).isTrue(); // AUTH accepted; nothing needs to be sent
    }

    MailboxActivity imap = awaitLogin("imap-user@one.test", "imap");
    MailboxActivity pop = awaitLogin("pop-user@one.test", "pop3");
    MailboxActivity smtp = awaitLogin("smtp-user@one.test", "smtp");
    for (MailboxActivity a : List.of(imap, pop, smtp)) {
      assertThat(a.getHostId()).isEqualTo("activity");
      assertThat(a.getLastLoginAt()).isAfter(before).isBefore(Instant.now().plusSeconds(2));
    }
    // the recorder wrote the mailbox address, not the SMTP login <address>/<login_key>
    assertThat(smtp.getAddress()).isEqualTo("smtp-user@one.test");
    assertThat(imap.getMailboxId()).isEqualTo(11L);
    assertThat(smtp.getMailboxId()).isEqualTo(13L);
    assertThat(records.activity("wrong-pw@one.test")).isEmpty();
    assertThat(records.activity()).noneMatch(a -> a.getAddress().contains("/"));
    // forwarded rows are gone from the store
    await()
        .atMost(WAIT)
        .until(
            () ->
                sql("SELECT count(*) FROM last_login").equals("0")
                    && sql("SELECT count(*) FROM auth_login").equals("0"));
  }

  private static final String LONG_SUBJECT =
      "Grüße aus München: the quarterly report, revised figures, and a subject well beyond eighty"
          + " bytes";

  @Test
  @Order(2)
  void aDeliveryProducesUsageAndOneFullDeliveryRecord() throws Exception {
    publish(state().domain(2, "two.test").mailbox(20, "bob@two.test", "bob-pw").build());
    String messageId = send("bob+news@two.test", LONG_SUBJECT);

    MailDelivered d =
        await()
            .atMost(WAIT)
            .pollInterval(Duration.ofMillis(200))
            .until(() -> records.deliveries("bob@two.test"), l -> !l.isEmpty())
            .get(0);
    assertThat(LONG_SUBJECT.getBytes(StandardCharsets.UTF_8).length).isGreaterThan(80);
    assertThat(d.getSubject()).isEqualTo(LONG_SUBJECT);
    assertThat(d.getMessageId()).isEqualTo(messageId);
    assertThat(d.getRecipient()).isEqualTo("bob+news@two.test");
    assertThat(d.getAddress()).isEqualTo("bob@two.test");
    assertThat(d.getMailboxId()).isEqualTo(20L);
    assertThat(d.getFromAddress()).isEqualTo("ann@remote.test");
    assertThat(d.getFromName()).isEqualTo("Ann Sender");
    assertThat(d.getToAddresses()).containsExactly("bob+news@two.test");
    assertThat(d.getCcAddresses()).containsExactly("carl@remote.test", "dora@remote.test");
    assertThat(d.getTextBody()).contains("plain body");
    assertThat(d.getHtmlBody()).contains("<b>html body</b>");
    assertThat(d.getBodiesTruncated()).isFalse();
    assertThat(d.getFolder()).isEqualTo("INBOX");
    assertThat(d.getUid()).isEqualTo(1L);
    assertThat(d.getSizeBytes()).isGreaterThan(500L);
    assertThat(d.getSentAt()).isNotNull();
    assertThat(d.getDeliveryId()).startsWith("activity/bob@two.test/").endsWith("/1");

    MailboxActivity usage =
        await()
            .atMost(WAIT)
            .until(
                () ->
                    records.activity("bob@two.test").stream()
                        .filter(a -> a.getUsedBytes() != null)
                        .findFirst(),
                Optional::isPresent)
            .orElseThrow();
    assertThat(usage.getUsedBytes()).isGreaterThan(0L);
    assertThat(usage.getMessageCount()).isEqualTo(1L);
    assertThat(usage.getUsageObservedAt()).isNotNull();
    // a delivery is no login
    assertThat(records.activity("bob@two.test")).allMatch(a -> a.getLastLoginAt() == null);
    // the periodic sweep reads the same usage for every mailbox through doveadm quota get -A
    Path scratch = Files.createTempDirectory("activity-sweep");
    assertThat(
            new DoveadmMessages(host.settings.layout().dovecotConfig().value(), scratch).allUsage())
        .contains(new ActivityRow.Usage("bob@two.test", usage.getUsedBytes(), 1));
  }

  @Test
  @Order(3)
  void mailDeliveredWhileKafkaIsUnreachableArrivesAfterwardsAndRestartsNeitherLoseNorDouble()
      throws Exception {
    publish(
        state()
            .domain(3, "three.test")
            .mailbox(30, "eve@three.test", "eve-pw")
            .mailbox(31, "gone@three.test", "gone-pw")
            .build());
    host.agent.activity().orElseThrow().close();
    String dead = "127.0.0.1:" + FreePorts.one();
    ActivityForwarder away = AgentRuntime.startActivity(settings(dead), host.settings);
    try {
      for (int i = 1; i <= 3; i++) {
        send("eve@three.test", "while away " + i);
      }
      send("gone@three.test", "expunged before the agent reads it");
      expungeAll("gone@three.test", "gone-pw");
      await().atMost(WAIT).until(() -> saveLines("eve@three.test") == 3);
      // nothing goes out, and the stored log position stays before these deliveries' lines
      long firstLine = offsetOfFirstSave("eve@three.test");
      await()
          .during(Duration.ofSeconds(3))
          .atMost(Duration.ofSeconds(10))
          .until(() -> records.deliveries("eve@three.test").isEmpty());
      assertThat(Long.parseLong(sql("SELECT coalesce(max(offset), 0) FROM agent_log_position")))
          .isLessThanOrEqualTo(firstLine);
    } finally {
      away.close();
    }

    ActivityForwarder back =
        AgentRuntime.startActivity(settings(host.kafka.bootstrap()), host.settings);
    try {
      await().atMost(WAIT).until(() -> records.deliveries("eve@three.test").size() == 3);
      MailDelivered gone =
          await()
              .atMost(WAIT)
              .until(() -> records.deliveries("gone@three.test"), l -> !l.isEmpty())
              .get(0);
      // read back too late: what mail_log gave (cut at 80 bytes by Dovecot), no bodies
      assertThat(gone.getSubject()).isEqualTo("expunged before the agent reads it");
      assertThat(gone.getTextBody()).isNull();
      assertThat(gone.getSizeBytes()).isGreaterThan(0L);
      await()
          .atMost(WAIT)
          .until(
              () ->
                  records.activity("eve@three.test").stream()
                      .anyMatch(a -> Long.valueOf(3).equals(a.getMessageCount())));
    } finally {
      back.close();
    }

    ActivityForwarder restarted =
        AgentRuntime.startActivity(settings(host.kafka.bootstrap()), host.settings);
    try {
      send("eve@three.test", "after the restart");
      await().atMost(WAIT).until(() -> records.deliveries("eve@three.test").size() >= 4);
      List<MailDelivered> all = records.deliveries("eve@three.test");
      assertThat(all).hasSize(4);
      assertThat(all.stream().map(MailDelivered::getDeliveryId).distinct()).hasSize(4);
      // Postfix may hand the three queued messages to LMTP in any order; the log's order is kept
      assertThat(all.subList(0, 3))
          .extracting(MailDelivered::getSubject)
          .containsExactlyInAnyOrder("while away 1", "while away 2", "while away 3");
      assertThat(all.get(3).getSubject()).isEqualTo("after the restart");
    } finally {
      restarted.close();
    }
  }

  private static AgentSettings settings(String bootstrap) {
    return new AgentSettings(
            "activity",
            bootstrap,
            Path.of(host.settings.storePath().value()),
            Durability.FULL,
            Duration.ofSeconds(30),
            2000,
            Optional.of(host.settings),
            RunningMailHost.POSTFIX_RELOAD_WINDOW,
            Optional.empty())
        .withActivity(new ActivitySettings(true, Duration.ofMillis(200), 500));
  }

  /** Inbound over SMTP as a remote server sends it: multipart, a display name, Cc. */
  private static String send(String to, String subject) throws Exception {
    Properties p = new Properties();
    p.put("mail.smtp.host", "127.0.0.1");
    p.put("mail.smtp.port", Integer.toString(host.settings.ports().smtp()));
    Session session = Session.getInstance(p);
    MimeMessage m = new MimeMessage(session);
    m.setFrom(new InternetAddress("ann@remote.test", "Ann Sender", "UTF-8"));
    m.setRecipient(Message.RecipientType.TO, new InternetAddress(to));
    m.setRecipients(
        Message.RecipientType.CC,
        new Address[] {
          new InternetAddress("carl@remote.test"), new InternetAddress("dora@remote.test")
        });
    m.setSubject(subject, "UTF-8");
    MimeBodyPart text = new MimeBodyPart();
    text.setText("plain body of " + subject, "UTF-8");
    MimeBodyPart html = new MimeBodyPart();
    html.setContent("<p><b>html body</b> of " + subject + "</p>", "text/html; charset=UTF-8");
    m.setContent(new MimeMultipart("alternative", text, html));
    m.saveChanges();
    try (Transport t = session.getTransport("smtp")) {
      t.connect();
      t.sendMessage(m, new Address[] {new InternetAddress(to)}); // Cc is header only
    }
    return m.getMessageID();
  }

  private static void expungeAll(String address, String password) throws Exception {
    await().atMost(WAIT).until(() -> host.mail.imapSubjects(address, password).size() == 1);
    try (Store s = host.mail.imap(address, password);
        Folder inbox = s.getFolder("INBOX")) {
      inbox.open(Folder.READ_WRITE);
      for (Message msg : inbox.getMessages()) {
        msg.setFlag(Flags.Flag.DELETED, true);
      }
      inbox.expunge();
    }
  }

  private static long saveLines(String user) throws Exception {
    try (var lines = Files.lines(Path.of(host.settings.layout().dovecotLog().value()))) {
      return lines.filter(l -> l.contains("lmtp(" + user + ")") && l.contains(": save: ")).count();
    }
  }

  /** Where the first delivery line for {@code user} starts in the Dovecot log (bytes). */
  private static long offsetOfFirstSave(String user) throws Exception {
    byte[] log = Files.readAllBytes(Path.of(host.settings.layout().dovecotLog().value()));
    long offset = 0;
    for (String line : new String(log, StandardCharsets.UTF_8).split("\n", -1)) {
      if (line.contains("lmtp(" + user + ")") && line.contains(": save: ")) {
        return offset;
      }
      offset += line.getBytes(StandardCharsets.UTF_8).length + 1;
    }
    throw new AssertionError("no delivery line for " + user);
  }

  private static String sql(String query) throws Exception {
    Process p =
        new ProcessBuilder("sqlite3", host.settings.layout().activityStore().value(), query)
            .redirectErrorStream(true)
            .start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
    p.waitFor();
    return out;
  }
}
