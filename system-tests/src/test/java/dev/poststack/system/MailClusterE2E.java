package dev.poststack.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.poststack.renderer.host.ContentHash;
import dev.poststack.schemas.Topics;
import dev.poststack.system.support.HostStoreReader.Snapshot;
import dev.poststack.system.support.MailHostNode;
import dev.poststack.system.support.SystemStack;
import dev.poststack.system.support.SystemStackExtension;
import dev.poststack.system.support.Tenant;
import dev.poststack.system.support.Tenant.Mailbox;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

/**
 * Three mail hosts beside the stack's own, each a private Dovecot + Postfix on its own loopback
 * address (127.0.1.1 to 127.0.1.3, all on the same ports) with its agent in a JVM of its own, fed
 * by one control plane. One cluster for every scenario, in order: a host whose agent is down while
 * 500 mailboxes are made, its catch-up, a frozen agent, a fourth host bootstrapping from the
 * compacted topic. "Applied" means the host's stored content hash equals the hash of the
 * provisioner's fresh render of the database; logins are real IMAPS over TLS to each host's own
 * address.
 *
 * <p>Runs after the classes that take the stack's own host down: its hosts count in every later
 * mailbox's propagation, and one of them is stopped for a while.
 */
@Order(95)
@ExtendWith(SystemStackExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MailClusterE2E {
  private static final int MAILBOXES = 500;
  private static final int WORKERS = 8;
  private static final int SAMPLE = 10;
  private static final Duration CONVERGE = Duration.ofSeconds(90);

  private final SystemStack stack;
  private final Tenant tenant;
  private final long domainId;
  private final List<MailHostNode> hosts;
  private final List<Mailbox> mailboxes = Collections.synchronizedList(new ArrayList<>());

  MailClusterE2E(SystemStack stack) {
    this.stack = stack;
    tenant = stack.tenant();
    domainId = tenant.verifiedDomain(Tenant.uniqueDomain("cluster"));
    long t0 = System.nanoTime();
    List<CompletableFuture<MailHostNode>> starting =
        IntStream.rangeClosed(1, 3)
            .mapToObj(n -> CompletableFuture.supplyAsync(() -> add(n)))
            .toList();
    hosts = new ArrayList<>(starting.stream().map(CompletableFuture::join).toList());
    ContentHash expected = expectedHash();
    hosts.forEach(h -> awaitApplied(h, expected));
    System.out.printf(
        "cluster: 3 mail hosts up and bootstrapped in %.1f s%n", (System.nanoTime() - t0) / 1e9);
  }

  @AfterAll
  void stopTheClusterHosts() {
    // the stack's close() would stop them too; stopping them here frees the machine for the rest
    hosts.forEach(MailHostNode::close);
  }

  @Test
  @Order(1)
  void mailboxesMadeWhileOneAgentIsDownAreServedByTheOtherHosts() throws Exception {
    MailHostNode host2 = hosts.get(1);
    host2.stopAgent();
    ContentHash before = host2.store().snapshot().storedHash();

    long t0 = System.nanoTime();
    ExecutorService pool = Executors.newFixedThreadPool(WORKERS);
    try {
      CompletableFuture.allOf(
              IntStream.range(0, MAILBOXES)
                  .mapToObj(i -> CompletableFuture.runAsync(() -> create(i), pool))
                  .toArray(CompletableFuture[]::new))
          .join();
    } finally {
      pool.shutdownNow();
    }
    double createSeconds = (System.nanoTime() - t0) / 1e9;
    ContentHash expected = expectedHash();
    awaitApplied(hosts.get(0), expected);
    awaitApplied(hosts.get(2), expected);
    System.out.printf(
        "cluster: %d mailboxes created in %.1f s, applied on hosts 1 and 3 after %.1f s%n",
        MAILBOXES, createSeconds, (System.nanoTime() - t0) / 1e9);

    for (Mailbox m : sample(0)) {
      assertThat(hosts.get(0).mail().imapLoginWorks(m.address(), m.password()))
          .as("IMAPS login of %s on %s", m.address(), hosts.get(0).address())
          .isTrue();
      assertThat(hosts.get(2).mail().imapLoginWorks(m.address(), m.password()))
          .as("IMAPS login of %s on %s", m.address(), hosts.get(2).address())
          .isTrue();
    }
    // host 2 serves on, from the store as its agent left it: none of the new mailboxes is there
    assertThat(host2.agentAlive()).isFalse();
    assertThat(host2.store().snapshot().storedHash()).isEqualTo(before);
    Mailbox first = mailboxes.get(0);
    assertThat(host2.mail().imapLoginWorks(first.address(), first.password())).isFalse();

    // the API says so: a new mailbox is live on every registered host but mh-2, which the
    // operator's view shows as behind
    awaitPropagation(first, "mh-2");
    assertThat(hostState("mh-2")).isIn("catching_up", "stale");
  }

  @Test
  @Order(2)
  void theStoppedHostCatchesUpAndEveryHostHoldsTheSameContent() {
    MailHostNode host2 = hosts.get(1);
    Snapshot stale = host2.store().snapshot();
    assertThat(stale.positionSum())
        .as("host 2 had applied the earlier classes' entries")
        .isPositive();

    long logMark = host2.agentLogSize();
    long t0 = System.nanoTime();
    host2.startAgent();
    ContentHash expected = expectedHash();
    awaitApplied(host2, expected);
    // it resumed from the positions stored with its rows: no rebuild from the topic's beginning
    String topic = Topics.HOST_ENTRIES.name();
    assertThat(host2.agentLogSince(logMark))
        .contains("partitions of " + topic + " from {")
        .doesNotContain("partitions of " + topic + " from the beginning");
    System.out.printf(
        "cluster: host 2 caught up in %.1f s (from %d consumed records)%n",
        (System.nanoTime() - t0) / 1e9, stale.positionSum());

    for (MailHostNode host : hosts) {
      Snapshot s = host.store().snapshot();
      assertThat(s.storedHash()).as("content hash of %s", host.hostId()).isEqualTo(expected);
      assertThat(ContentHash.of(s.entries())).as("rows of %s", host.hostId()).isEqualTo(expected);
    }
    assertThat(stack.store().snapshot().storedHash())
        .as("the stack's own host")
        .isEqualTo(expected);
    for (int h = 0; h < hosts.size(); h++) {
      for (Mailbox m : sample(h + 1)) {
        assertThat(hosts.get(h).mail().imapLoginWorks(m.address(), m.password()))
            .as("IMAPS login of %s on %s", m.address(), hosts.get(h).address())
            .isTrue();
      }
    }
  }

  @Test
  @Order(3)
  void aFrozenAgentsHostKeepsServingLoginsAndAppliesWhatItMissedOnceThawed() {
    MailHostNode host3 = hosts.get(2);
    Mailbox changed = mailboxes.get(7);
    Mailbox untouched = mailboxes.get(8);
    Snapshot atFreeze = host3.store().snapshot();
    host3.freezeAgent();
    Mailbox renewed;
    Mailbox added;
    ContentHash expected;
    try {
      renewed = changed.withPassword("cluster-renewed-password-7");
      mailboxes.set(7, renewed); // later samples log in with the password it has now
      tenant
          .api
          .post(changed.path() + "/password", Map.of("password", renewed.password()))
          .expect(200);
      added = tenant.mailbox(domainId, "while-frozen", "cluster-frozen-password-1");
      expected = expectedHash();
      awaitApplied(hosts.get(0), expected);
      awaitApplied(hosts.get(1), expected);

      // the frozen agent applies nothing; its daemons serve the store as it was
      assertThat(host3.agentAlive()).isTrue();
      assertThat(host3.store().snapshot().positions()).isEqualTo(atFreeze.positions());
      assertThat(host3.mail().imapLoginWorks(untouched.address(), untouched.password())).isTrue();
      assertThat(host3.mail().imapLoginWorks(changed.address(), changed.password())).isTrue();
      assertThat(host3.mail().imapLoginWorks(added.address(), added.password())).isFalse();
      assertThat(hosts.get(0).mail().imapLoginWorks(added.address(), added.password())).isTrue();

      // the registry: mh-3 has not moved and its oldest missing entry ages past the stale
      // threshold (5 s here), so it is stale; `added` is pending there alone
      awaitPropagation(added, "mh-3");
      await("mh-3 stale in GET /hosts")
          .atMost(CONVERGE)
          .pollInterval(Duration.ofMillis(500))
          .until(() -> hostState("mh-3").equals("stale"));
    } finally {
      host3.thawAgent();
    }
    awaitApplied(host3, expected);
    assertThat(host3.mail().imapLoginWorks(renewed.address(), renewed.password())).isTrue();
    assertThat(host3.mail().imapLoginWorks(changed.address(), changed.password())).isFalse();
    assertThat(host3.mail().imapLoginWorks(added.address(), added.password())).isTrue();
  }

  @Test
  @Order(4)
  void aFourthHostBootstrapsFromTheCompactedTopicToTheSameContent() {
    ContentHash expected = expectedHash();
    long t0 = System.nanoTime();
    MailHostNode host4 = add(4);
    hosts.add(host4);
    awaitApplied(host4, expected);
    Snapshot s = host4.store().snapshot();
    double seconds = (System.nanoTime() - t0) / 1e9;
    System.out.printf(
        "cluster: host 4 started and bootstrapped %d entries in %.1f s%n",
        s.entries().size(), seconds);
    assertThat(ContentHash.of(s.entries())).isEqualTo(expected);
    for (Mailbox m : sample(4)) {
      assertThat(host4.mail().imapLoginWorks(m.address(), m.password()))
          .as("IMAPS login of %s on %s", m.address(), host4.address())
          .isTrue();
    }
  }

  /** Waits until the mailbox's propagation names exactly {@code pending} as not applied. */
  private void awaitPropagation(Mailbox m, String pending) {
    await("propagation of " + m.address() + " pending on " + pending)
        .atMost(CONVERGE)
        .pollInterval(Duration.ofMillis(200))
        .untilAsserted(
            () -> {
              JsonNode p = tenant.api.get(m.path()).expect(200).at("/mailbox/propagation");
              assertThat(p.get("pending")).extracting(JsonNode::asString).containsExactly(pending);
              assertThat(p.get("applied").asInt()).isEqualTo(p.get("hosts").asInt() - 1);
            });
  }

  /** The host's state in the operator's {@code GET /hosts/:id}. */
  private String hostState(String hostId) {
    return stack.operator().get("/hosts/" + hostId).expect(200).at("/host/state").asString();
  }

  private MailHostNode add(int n) {
    return stack.addMailHost("mh-" + n, "127.0.1." + n);
  }

  private void create(int i) {
    String password = "cluster-password-" + i;
    mailboxes.add(tenant.mailbox(domainId, String.format("user-%03d", i), password));
  }

  /** What every host must end up holding: the content hash of a fresh render of the database. */
  private ContentHash expectedHash() {
    return ContentHash.of(stack.renderFromDatabase());
  }

  private static void awaitApplied(MailHostNode host, ContentHash expected) {
    await("content of " + host.hostId())
        .atMost(CONVERGE)
        .pollInterval(Duration.ofMillis(50))
        .until(() -> host.store().snapshot().storedHash().equals(expected));
  }

  /** A different handful of mailboxes per round, so each login is a first on that host. */
  private List<Mailbox> sample(int round) {
    List<Mailbox> all = new ArrayList<>(mailboxes);
    all.sort(java.util.Comparator.comparing(Mailbox::address));
    return IntStream.range(0, SAMPLE)
        .mapToObj(i -> all.get((round * 97 + i * 41 + 11) % all.size()))
        .toList();
  }
}
