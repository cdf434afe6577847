package dev.poststack.agent.mailhost;

import static dev.poststack.agent.HostStates.state;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.poststack.agent.HostStates;
import dev.poststack.renderer.host.EntryChange;
import dev.poststack.renderer.host.EntryKey;
import dev.poststack.renderer.host.HostEntries;
import dev.poststack.renderer.host.HostState;
import dev.poststack.testing.MailDaemonsRequired;
import dev.poststack.testing.mail.SubmissionSession;
import jakarta.mail.Store;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Host entries on the topic → the agent → a real Dovecot + Postfix, checked with real clients over
 * TLS. Each test owns its own domain, so only the last one (Kafka stopped) depends on order.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MailHostE2E {
  private static RunningMailHost host;

  @BeforeAll
  static void start() throws Exception {
    MailDaemonsRequired.assumeAvailable(MailHost.unavailableReason());
    host = new RunningMailHost("e2e");
  }

  @AfterAll
  static void stop() {
    if (host != null) {
      host.close();
    }
  }

  private static List<EntryChange> puts(HostState s) {
    return HostEntries.render(s).stream().map(e -> (EntryChange) new EntryChange.Put(e)).toList();
  }

  private static List<EntryChange> mailboxChange(HostState s, long id) {
    return HostEntries.changesOf(s.mailbox(id).orElseThrow(), s.aliasesOf(id));
  }

  @Test
  @Order(1)
  void appliedMailboxLogsInWithItsFullAddressOverImapsAndPop3s() {
    host.publishAndAwait(
        puts(state().domain(1, "one.test").mailbox(10, "alice@one.test", "alice-pw").build()));

    assertThat(host.mail.imapLoginWorks("alice@one.test", "alice-pw")).isTrue();
    assertThat(host.mail.pop3LoginWorks("alice@one.test", "alice-pw")).isTrue();
    assertThat(host.mail.imapLoginWorks("alice@one.test", "wrong-pw")).isFalse();
  }

  @Test
  @Order(2)
  void inboundMailOnTheSmtpPortIsReadableOverImaps() {
    host.publishAndAwait(
        puts(state().domain(2, "two.test").mailbox(20, "bob@two.test", "bob-pw").build()));

    assertThat(host.mail.deliver("sender@remote.test", "bob@two.test", "inbound-1")).isEqualTo(250);

    await()
        .atMost(Duration.ofSeconds(20))
        .pollInterval(Duration.ofMillis(200))
        .until(() -> host.mail.imapSubjects("bob@two.test", "bob-pw").contains("inbound-1"));
  }

  @Test
  @Order(3)
  void submissionIsAcceptedFromOwnAddressAndAliasAndRefusedFromAnother() {
    host.publishAndAwait(
        puts(
            state()
                .domain(3, "three.test")
                .mailbox(30, "carol@three.test", "carol-pw")
                .mailbox(31, "dan@three.test", "dan-pw")
                .alias(32, "info@three.test", 30)
                .build()));

    assertThat(
            host.mail.submit(
                "carol@three.test", "carol-pw", "carol@three.test", "dan@three.test", "own"))
        .isEqualTo(250);
    assertThat(
            host.mail.submit(
                "carol@three.test", "carol-pw", "info@three.test", "dan@three.test", "alias"))
        .isEqualTo(250);
    assertThat(
            host.mail.submit(
                "carol@three.test", "carol-pw", "dan@three.test", "dan@three.test", "other"))
        .isEqualTo(553);
  }

  @Test
  @Order(4)
  void tombstonedAliasIsRefusedAtRcpt() {
    host.publishAndAwait(
        puts(
            state()
                .domain(4, "four.test")
                .mailbox(40, "erin@four.test", "erin-pw")
                .alias(41, "sales@four.test", 40)
                .build()));
    assertThat(host.mail.deliver("x@remote.test", "sales@four.test", "to-alias")).isEqualTo(250);

    host.publishAndAwait(
        List.of(
            new EntryChange.Remove(EntryKey.parse("alias:sales@four.test")),
            new EntryChange.Remove(EntryKey.parse("sender:sales@four.test"))));

    assertThat(host.mail.deliver("x@remote.test", "sales@four.test", "to-gone-alias"))
        .isEqualTo(550);
    await()
        .atMost(Duration.ofSeconds(20))
        .pollInterval(Duration.ofMillis(200))
        .until(() -> host.mail.imapSubjects("erin@four.test", "erin-pw").contains("to-alias"));
  }

  @Test
  @Order(5)
  void suspendedMailboxCannotLogInItsOpenSessionEndsAndMailStillArrives() throws Exception {
    HostStates active = state().domain(5, "five.test").mailbox(50, "frank@five.test", "frank-pw");
    host.publishAndAwait(puts(active.build()));
    Store open = host.mail.imap("frank@five.test", "frank-pw");
    assertThat(open.isConnected()).isTrue();

    HostState suspended =
        state()
            .domain(5, "five.test")
            .mailbox(50, "frank@five.test", "frank-pw", "suspended", 1L << 30)
            .build();
    host.publishAndAwait(mailboxChange(suspended, 50));

    await().atMost(Duration.ofSeconds(10)).until(() -> !open.isConnected());
    assertThat(host.mail.imapLoginWorks("frank@five.test", "frank-pw")).isFalse();
    assertThat(host.mail.pop3LoginWorks("frank@five.test", "frank-pw")).isFalse();
    assertThat(
            host.mail.submit(
                "frank@five.test", "frank-pw", "frank@five.test", "frank@five.test", "x"))
        .isNotEqualTo(250);
    assertThat(host.mail.deliver("x@remote.test", "frank@five.test", "while-suspended"))
        .isEqualTo(250);

    host.publishAndAwait(mailboxChange(active.build(), 50));
    assertThat(host.mail.imapLoginWorks("frank@five.test", "frank-pw")).isTrue();
    await()
        .atMost(Duration.ofSeconds(20))
        .pollInterval(Duration.ofMillis(200))
        .until(
            () ->
                host.mail.imapSubjects("frank@five.test", "frank-pw").contains("while-suspended"));
  }

  @Test
  @Order(6)
  void newPasswordWorksAndTheOldOneNoLonger() throws Exception {
    host.publishAndAwait(
        puts(state().domain(6, "six.test").mailbox(60, "gina@six.test", "old-pw").build()));
    Store open = host.mail.imap("gina@six.test", "old-pw");

    HostState changed =
        state().domain(6, "six.test").mailbox(60, "gina@six.test", "new-pw").build();
    host.publishAndAwait(mailboxChange(changed, 60));

    assertThat(host.mail.imapLoginWorks("gina@six.test", "old-pw")).isFalse();
    assertThat(host.mail.imapLoginWorks("gina@six.test", "new-pw")).isTrue();
    await().atMost(Duration.ofSeconds(10)).until(() -> !open.isConnected());
  }

  @Test
  @Order(7)
  void newDomainIsAcceptedWithoutRestartEvenAfterARefusal() {
    assertThat(host.mail.deliver("x@remote.test", "hal@seven.test", "before"))
        .isGreaterThanOrEqualTo(500);

    host.publishAndAwait(
        puts(state().domain(7, "seven.test").mailbox(70, "hal@seven.test", "hal-pw").build()));

    // postfix reload is asynchronous: old smtpd processes finish their current client first
    await()
        .atMost(Duration.ofSeconds(15))
        .pollInterval(Duration.ofMillis(100))
        .until(() -> host.mail.deliver("x@remote.test", "hal@seven.test", "after") == 250);
  }

  @Test
  @Order(8)
  void deletedMailboxIsRefusedAtRcptAndCannotLogIn() {
    HostState live =
        state().domain(8, "eight.test").mailbox(80, "ivy@eight.test", "ivy-pw").build();
    host.publishAndAwait(puts(live));
    assertThat(host.mail.deliver("x@remote.test", "ivy@eight.test", "kept")).isEqualTo(250);

    HostState deleted =
        state()
            .domain(8, "eight.test")
            .mailbox(80, "ivy@eight.test", "ivy-pw", "deleted", 1L << 30)
            .build();
    host.publishAndAwait(mailboxChange(deleted, 80));

    assertThat(host.mail.deliver("x@remote.test", "ivy@eight.test", "refused")).isEqualTo(550);
    assertThat(host.mail.imapLoginWorks("ivy@eight.test", "ivy-pw")).isFalse();
  }

  @Test
  @Order(9)
  void suspensionEndsOpenSubmissionImapAndPop3SessionsAndItsAliasIsNoLongerGranted()
      throws Exception {
    HostState active =
        state()
            .domain(10, "ten.test")
            .mailbox(100, "kim@ten.test", "kim-pw")
            .mailbox(101, "lee@ten.test", "lee-pw")
            .alias(102, "sales@ten.test", 100)
            .build();
    host.publishAndAwait(puts(active));
    SubmissionSession asItself = host.mail.openSubmission("kim@ten.test", "kim-pw");
    SubmissionSession asAlias = host.mail.openSubmission("kim@ten.test", "kim-pw");
    SubmissionSession someoneElse = host.mail.openSubmission("lee@ten.test", "lee-pw");
    Store imap = host.mail.imap("kim@ten.test", "kim-pw");
    Store pop3 = host.mail.pop3("kim@ten.test", "kim-pw");
    assertThat(asItself.send("kim@ten.test", "lee@ten.test", "before-own")).isEqualTo(250);
    assertThat(asAlias.send("sales@ten.test", "lee@ten.test", "before-alias")).isEqualTo(250);

    HostState suspended =
        state()
            .domain(10, "ten.test")
            .mailbox(100, "kim@ten.test", "kim-pw", "suspended", 1L << 30)
            .mailbox(101, "lee@ten.test", "lee-pw")
            .alias(102, "sales@ten.test", 100)
            .build();
    host.publishAndAwait(mailboxChange(suspended, 100));

    assertThat(asItself.send("kim@ten.test", "lee@ten.test", "after-own")).isEqualTo(421);
    assertThat(asAlias.send("sales@ten.test", "lee@ten.test", "after-alias")).isEqualTo(421);
    assertThat(asItself.isOpen()).as("ended after the 421").isFalse();
    assertThat(asAlias.isOpen()).as("ended after the 421").isFalse();
    await().atMost(Duration.ofSeconds(10)).until(() -> !imap.isConnected() && !pop3.isConnected());
    assertThat(host.mail.submit("kim@ten.test", "kim-pw", "sales@ten.test", "lee@ten.test", "new"))
        .as("a new login is refused")
        .isNotEqualTo(250);
    assertThat(someoneElse.send("lee@ten.test", "kim@ten.test", "unaffected")).isEqualTo(250);
    someoneElse.close();
    await()
        .atMost(Duration.ofSeconds(20))
        .pollInterval(Duration.ofMillis(200))
        .until(
            () ->
                host.mail
                    .imapSubjects("lee@ten.test", "lee-pw")
                    .containsAll(List.of("before-own", "before-alias")));
    assertThat(host.mail.imapSubjects("lee@ten.test", "lee-pw"))
        .doesNotContain("after-own", "after-alias", "new");
  }

  @Test
  @Order(10)
  void newPasswordEndsTheOpenSubmissionSessionAndTheNewPasswordSubmits() throws Exception {
    host.publishAndAwait(
        puts(state().domain(11, "eleven.test").mailbox(110, "max@eleven.test", "old-pw").build()));
    SubmissionSession open = host.mail.openSubmission("max@eleven.test", "old-pw");
    Store imap = host.mail.imap("max@eleven.test", "old-pw");
    assertThat(open.send("max@eleven.test", "max@eleven.test", "before")).isEqualTo(250);

    HostState changed =
        state().domain(11, "eleven.test").mailbox(110, "max@eleven.test", "new-pw").build();
    host.publishAndAwait(mailboxChange(changed, 110));

    assertThat(open.send("max@eleven.test", "max@eleven.test", "after")).isEqualTo(421);
    assertThat(open.isOpen()).isFalse();
    await().atMost(Duration.ofSeconds(10)).until(() -> !imap.isConnected());
    assertThat(
            host.mail.submit(
                "max@eleven.test", "old-pw", "max@eleven.test", "max@eleven.test", "x"))
        .isNotEqualTo(250);
    try (SubmissionSession renewed = host.mail.openSubmission("max@eleven.test", "new-pw")) {
      assertThat(renewed.send("max@eleven.test", "max@eleven.test", "with-new")).isEqualTo(250);
    }
  }

  @Test
  @Order(11)
  void deletionEndsTheOpenSubmissionSession() throws Exception {
    HostStates live = state().domain(12, "twelve.test").mailbox(120, "ned@twelve.test", "ned-pw");
    host.publishAndAwait(puts(live.build()));
    SubmissionSession open = host.mail.openSubmission("ned@twelve.test", "ned-pw");
    Store imap = host.mail.imap("ned@twelve.test", "ned-pw");
    assertThat(open.send("ned@twelve.test", "ned@twelve.test", "before")).isEqualTo(250);

    HostState deleted =
        state()
            .domain(12, "twelve.test")
            .mailbox(120, "ned@twelve.test", "ned-pw", "deleted", 1L << 30)
            .build();
    host.publishAndAwait(mailboxChange(deleted, 120));

    assertThat(open.send("ned@twelve.test", "x@remote.test", "after")).isEqualTo(421);
    assertThat(open.isOpen()).isFalse();
    await().atMost(Duration.ofSeconds(10)).until(() -> !imap.isConnected());
  }

  @Test
  @Order(12)
  void domainToggledInALoopIsReloadedAtMostOncePerWindowAndEndsAsLastSet() throws Exception {
    HostState on =
        state().domain(13, "thirteen.test").mailbox(130, "oz@thirteen.test", "oz-pw").build();
    host.publishAndAwait(puts(on));
    long before = host.postfixReloads();
    Instant first = Instant.now();

    for (int i = 0; i < 20; i++) { // off, on, off, …, on: each its own burst
      host.publishAndAwaitCommitted(
          i % 2 == 0
              ? List.of(new EntryChange.Remove(EntryKey.parse("domain:thirteen.test")))
              : puts(state().domain(13, "thirteen.test").build()));
    }
    Instant last = Instant.now();
    host.publishAndAwait(List.of());

    Duration window = RunningMailHost.POSTFIX_RELOAD_WINDOW;
    long bound = Duration.between(first, last).toMillis() / window.toMillis() + 2;
    await().atMost(Duration.ofSeconds(10)).until(() -> host.postfixReloads() > before);
    assertThat(host.postfixReloads() - before).isLessThanOrEqualTo(bound);
    await()
        .atMost(Duration.ofSeconds(15))
        .pollInterval(Duration.ofMillis(100))
        .until(() -> host.mail.deliver("x@remote.test", "oz@thirteen.test", "toggled") == 250);
  }

  @Test
  @Order(100)
  void loginsAndDeliveryGoOnWhileKafkaIsDown() throws Exception {
    host.publishAndAwait(
        puts(state().domain(9, "nine.test").mailbox(90, "jo@nine.test", "jo-pw").build()));

    host.kafka.stop();

    assertThat(host.mail.imapLoginWorks("jo@nine.test", "jo-pw")).isTrue();
    assertThat(host.mail.deliver("x@remote.test", "jo@nine.test", "kafka-down")).isEqualTo(250);
    await()
        .atMost(Duration.ofSeconds(20))
        .pollInterval(Duration.ofMillis(200))
        .until(() -> host.mail.imapSubjects("jo@nine.test", "jo-pw").contains("kafka-down"));
    assertThat(host.mail.pop3LoginWorks("jo@nine.test", "jo-pw")).isTrue();
  }
}
