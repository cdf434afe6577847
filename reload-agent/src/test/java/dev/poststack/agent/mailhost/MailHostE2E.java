package dev.poststack.agent.mailhost;

import static dev.poststack.agent.HostStates.state;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.poststack.agent.HostStates;
import dev.poststack.renderer.host.DkimKeyEntry;
import dev.poststack.renderer.host.DomainEntry;
import dev.poststack.renderer.host.EntryChange;
import dev.poststack.renderer.host.EntryKey;
import dev.poststack.renderer.host.HostEntries;
import dev.poststack.renderer.host.HostEntry;
import dev.poststack.renderer.host.HostState;
import dev.poststack.renderer.hostconfig.ListenAddress;
import dev.poststack.renderer.hostconfig.Route;
import dev.poststack.testing.MailDaemonsRequired;
import dev.poststack.testing.mail.MailClients;
import dev.poststack.testing.mail.SmtpSink;
import dev.poststack.testing.mail.SubmissionSession;
import dev.poststack.values.address.DomainName;
import dev.poststack.values.dkim.DkimAlgorithm;
import dev.poststack.values.dkim.DkimKeyState;
import jakarta.mail.Store;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
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
  private static SmtpSink remote;
  private static final DkimKeys keys = new DkimKeys();

  @BeforeAll
  static void start() throws Exception {
    MailDaemonsRequired.assumeAvailable(MailHost.unavailableReason());
    remote = new SmtpSink();
    host =
        new RunningMailHost(
            "e2e",
            List.of(
                new Route(
                    new DomainName("remote.test"), new ListenAddress("127.0.0.1"), remote.port())),
            Optional.of(keys.seal()));
  }

  @AfterAll
  static void stop() throws Exception {
    if (host != null) {
      host.close();
    }
    if (remote != null) {
      remote.close();
    }
  }

  /** The state's entries, and an active RSA key for each of its domains (hosts sign every send). */
  private static List<EntryChange> puts(HostState s) {
    List<EntryChange> changes = new ArrayList<>();
    for (HostEntry e : HostEntries.render(s)) {
      changes.add(new EntryChange.Put(e));
      if (e instanceof DomainEntry d) {
        changes.add(
            new EntryChange.Put(
                keys.key(d.name().value(), "s1", DkimAlgorithm.RSA, DkimKeyState.ACTIVE)));
      }
    }
    return changes;
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
  @Order(20)
  void submittedMailReachesTheRemoteServerSignedAndTheSignatureVerifiesIndependently()
      throws Exception {
    host.publishAndAwait(
        List.of(
            new EntryChange.Put(
                keys.key("sign.test", "e1", DkimAlgorithm.ED25519, DkimKeyState.ACTIVE))));
    host.publishAndAwait(
        puts(
            state()
                .domain(20, "sign.test")
                .mailbox(200, "sam@sign.test", "sam-pw")
                .mailbox(201, "mia@sign.test", "mia-pw")
                .alias(202, "info@sign.test", 200)
                .build()));
    host.awaitSigningMap("dkim_keys.map", "sign.test s1:");

    MailClients.Reply sent =
        host.mail.submitAs(
            "sam@sign.test", "sam-pw", "sam@sign.test", "sam@sign.test", "to@remote.test", "out-1");
    assertThat(sent.code()).as(sent.text()).isEqualTo(250);
    SmtpSink.Received r = remote.await("out-1", Duration.ofSeconds(30));
    assertThat(r.rcptTo()).containsExactly("to@remote.test");
    assertThat(r.text()).contains("a=rsa-sha256", "a=ed25519-sha256", "d=sign.test");
    assertThat(keys.verify(r.data())).containsExactly("sign.test/s1");

    // one body byte changed: the signature no longer verifies
    byte[] tampered = r.text().replace("test message out-1", "test message out-2").getBytes();
    assertThat(keys.verify(tampered)).isEmpty();

    // an alias's owner may send as the alias, signed for its domain
    MailClients.Reply alias =
        host.mail.submitAs(
            "sam@sign.test",
            "sam-pw",
            "sam@sign.test",
            "info@sign.test",
            "to@remote.test",
            "out-alias");
    assertThat(alias.code()).as(alias.text()).isEqualTo(250);
    assertThat(keys.verify(remote.await("out-alias", Duration.ofSeconds(30)).data()))
        .containsExactly("sign.test/s1");

    // an empty envelope sender with the user's own From is a bounce-like send: fine, and signed
    MailClients.Reply bounce =
        host.mail.submitAs(
            "sam@sign.test", "sam-pw", "", "sam@sign.test", "to@remote.test", "out-null");
    assertThat(bounce.code()).as(bounce.text()).isEqualTo(250);
    assertThat(keys.verify(remote.await("out-null", Duration.ofSeconds(30)).data()))
        .containsExactly("sign.test/s1");
  }

  @Test
  @Order(21)
  void aFromTheLoginDoesNotOwnIsRefusedAt554AlsoWithAnEmptyOrForgedEnvelopeSender() {
    host.publishAndAwait(
        puts(
            state()
                .domain(21, "from.test")
                .mailbox(210, "ann@from.test", "ann-pw")
                .mailbox(211, "ceo@from.test", "ceo-pw")
                .build()));
    host.awaitSigningMap("dkim_keys.map", "from.test s1:");

    MailClients.Reply forged =
        host.mail.submitAs(
            "ann@from.test",
            "ann-pw",
            "ann@from.test",
            "ceo@from.test",
            "to@remote.test",
            "forged-1");
    assertThat(forged.code()).isEqualTo(554);
    assertThat(forged.text()).contains("From <ceo@from.test> is not owned by user ann@from.test");
    // the login key never shows in the answer
    assertThat(forged.text()).doesNotContain("ann@from.test/");

    MailClients.Reply emptyEnvelope =
        host.mail.submitAs(
            "ann@from.test", "ann-pw", "", "ceo@from.test", "to@remote.test", "forged-2");
    assertThat(emptyEnvelope.code()).isEqualTo(554);
    assertThat(emptyEnvelope.text()).contains("is not owned by user ann@from.test");

    // another team's domain in From
    MailClients.Reply otherDomain =
        host.mail.submitAs(
            "ann@from.test", "ann-pw", "", "ceo@sign.test", "to@remote.test", "forged-3");
    assertThat(otherDomain.code()).isEqualTo(554);

    // a forged envelope sender is refused by Postfix before rspamd sees the message
    MailClients.Reply forgedEnvelope =
        host.mail.submitAs(
            "ann@from.test",
            "ann-pw",
            "ceo@from.test",
            "ceo@from.test",
            "to@remote.test",
            "forged-4");
    assertThat(forgedEnvelope.code()).isEqualTo(553);

    assertThat(remote.received()).noneMatch(m -> m.text().contains("forged-"));
  }

  @Test
  @Order(22)
  void aNewDomainSignsItsFirstMessageAndAKeyThatIsNotActiveDefersInsteadOfSendingUnsigned()
      throws Exception {
    // the domain arrives with only a staged key: nothing signs, so submissions are deferred
    DkimKeyEntry staged = keys.key("new.test", "s2", DkimAlgorithm.RSA, DkimKeyState.STAGED);
    List<EntryChange> changes =
        new ArrayList<>(
            HostEntries.render(
                    state().domain(22, "new.test").mailbox(220, "neo@new.test", "neo-pw").build())
                .stream()
                .map(e -> (EntryChange) new EntryChange.Put(e))
                .toList());
    changes.add(new EntryChange.Put(staged));
    host.publishAndAwait(changes);
    Path keyFile = Path.of(host.settings.layout().dkimKeyDir().value(), "new.test", "s2.key");
    await().atMost(Duration.ofSeconds(10)).until(() -> Files.exists(keyFile));

    MailClients.Reply deferred =
        host.mail.submitAs(
            "neo@new.test", "neo-pw", "neo@new.test", "neo@new.test", "to@remote.test", "new-0");
    assertThat(deferred.code()).as(deferred.text()).isEqualTo(451);
    assertThat(deferred.text()).contains("no DKIM key available for new.test");

    // activation (the record was seen): the very next message signs with it, no restart
    host.publishAndAwait(
        List.of(
            new EntryChange.Put(
                keys.key("new.test", "s2", DkimAlgorithm.RSA, DkimKeyState.ACTIVE))));
    host.awaitSigningMap("dkim_keys.map", "new.test s2:");
    MailClients.Reply first =
        host.mail.submitAs(
            "neo@new.test", "neo-pw", "neo@new.test", "neo@new.test", "to@remote.test", "new-1");
    assertThat(first.code()).as(first.text()).isEqualTo(250);
    assertThat(keys.verify(remote.await("new-1", Duration.ofSeconds(30)).data()))
        .containsExactly("new.test/s2");

    // the key is deleted: its file goes, and the domain defers again
    host.publishAndAwait(List.of(new EntryChange.Remove(staged.key())));
    await().atMost(Duration.ofSeconds(10)).until(() -> !Files.exists(keyFile));
    Thread.sleep(200);
    assertThat(
            host.mail
                .submitAs(
                    "neo@new.test",
                    "neo-pw",
                    "neo@new.test",
                    "neo@new.test",
                    "to@remote.test",
                    "new-2")
                .code())
        .isEqualTo(451);
  }

  @Test
  @Order(23)
  void port25RefusesAHostedDomainAsEnvelopeSenderFromElsewhere() {
    host.publishAndAwait(
        puts(state().domain(23, "mx.test").mailbox(230, "uma@mx.test", "uma-pw").build()));
    assertThat(host.mail.deliver("ceo@mx.test", "uma@mx.test", "spoofed")).isEqualTo(554);
    assertThat(host.mail.deliver("someone@remote.test", "uma@mx.test", "fine")).isEqualTo(250);
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
