package dev.poststack.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.poststack.renderer.host.ContentHash;
import dev.poststack.renderer.host.HostEntry;
import dev.poststack.system.support.ApiClient.Answer;
import dev.poststack.system.support.HostEntriesTopic;
import dev.poststack.system.support.HostStoreReader;
import dev.poststack.system.support.HostStoreReader.Snapshot;
import dev.poststack.system.support.SystemStack;
import dev.poststack.system.support.SystemStackExtension;
import dev.poststack.system.support.Tenant;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The reload agent SIGKILLed while a burst of API changes flows to its host. At the kill the store
 * holds exactly the records below its stored positions (rows and positions commit together); after
 * a restart it converges to a fresh render of the database, and each change was applied once.
 */
@Order(90)
@ExtendWith(SystemStackExtension.class)
class AgentCrashE2E {
  private static final int WORKERS = 4;
  private static final int MAILBOXES_PER_WORKER = 6;

  /**
   * The burst publishes ~150 host-entry records (a mailbox change is its entry plus its aliases'
   * two).
   */
  private static final int KILL_AFTER_RECORDS = 40;

  private final SystemStack stack;
  private final Tenant tenant;
  private final HostStoreReader store;
  private final HostEntriesTopic topic;
  private final long domainId;

  AgentCrashE2E(SystemStack stack) {
    this.stack = stack;
    tenant = stack.tenant();
    store = stack.store();
    topic = new HostEntriesTopic(stack.kafkaBootstrap());
    domainId = tenant.verifiedDomain(Tenant.uniqueDomain("burst"));
  }

  @Test
  void storeIsConsistentAtTheKillAndAfterARestartEqualsAFreshRenderWithEveryChangeAppliedOnce()
      throws Exception {
    long before = store.snapshot().positionSum();
    long appliedAtKill;
    List<Answer> answers = java.util.Collections.synchronizedList(new ArrayList<>());
    ExecutorService pool = Executors.newFixedThreadPool(WORKERS);
    CompletableFuture<?>[] burst = new CompletableFuture<?>[WORKERS];
    for (int w = 0; w < WORKERS; w++) {
      int worker = w;
      burst[w] = CompletableFuture.runAsync(() -> changes(worker, answers), pool);
    }
    CompletableFuture<Void> all = CompletableFuture.allOf(burst);

    // kill once a good part of the burst is in the store and more is on its way
    await("the agent applying the burst")
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(5))
        .until(() -> store.snapshot().positionSum() - before >= KILL_AFTER_RECORDS || all.isDone());
    stack.killAgent();
    boolean killedMidBurst = !all.isDone();
    try {
      Snapshot atKill = store.snapshot();
      Set<HostEntry> expectedAtKill = topic.entriesBelow(atKill.positions());
      assertThat(new HashSet<>(atKill.entries())).isEqualTo(expectedAtKill);
      assertThat(atKill.storedHash()).isEqualTo(ContentHash.of(expectedAtKill));
      appliedAtKill = atKill.positionSum() - before;
      all.get(60, TimeUnit.SECONDS);
    } finally {
      pool.shutdownNow();
      stack.startAgent(); // the classes after this one need their mail host's agent back
    }
    assertThat(killedMidBurst).as("API changes still coming when the agent died").isTrue();
    assertThat(answers).allSatisfy(a -> assertThat(a.status()).isIn(200, 201));

    awaitOutboxRelayed();
    Map<Integer, Long> end = topic.endOffsets();
    await("the restarted agent catching up")
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(20))
        .until(() -> store.snapshot().positions().equals(end));

    List<HostEntry> render = stack.renderFromDatabase();
    Snapshot after = store.snapshot();
    assertThat(new HashSet<>(after.entries())).isEqualTo(new HashSet<>(render));
    assertThat(after.storedHash()).isEqualTo(ContentHash.of(render));
    for (Answer a : answers) {
      assertThat(auditOutcomes(a.requestId()))
          .as("audit rows of request %s", a.requestId())
          .containsExactly("applied");
    }
    System.out.printf(
        "agent SIGKILLed after %d of the burst's records; %d API changes, store = render (%d"
            + " entries)%n",
        appliedAtKill, answers.size(), render.size());
  }

  /**
   * One worker's share: create, re-password, suspend every other, delete every third, alias the
   * rest.
   */
  private void changes(int worker, List<Answer> answers) {
    for (int i = 0; i < MAILBOXES_PER_WORKER; i++) {
      String local = "w" + worker + "m" + i;
      Answer created =
          tenant.api.post(
              "/mailboxes",
              Map.of("domainId", domainId, "localPart", local, "password", "first-pw-" + local));
      answers.add(created);
      String path = "/mailboxes/" + created.at("/mailbox/publicId").asString();
      answers.add(tenant.api.post(path + "/password", Map.of("password", "second-pw-" + local)));
      if (i % 2 == 0) {
        answers.add(tenant.api.patch(path, Map.of("status", "suspended")));
      }
      if (i % 3 == 0) {
        answers.add(tenant.api.delete(path));
      } else {
        answers.add(
            tenant.api.post(
                "/mailboxes/aliases",
                Map.of(
                    "domainId",
                    domainId,
                    "localPart",
                    "a-" + local,
                    "destinationMailboxId",
                    created.at("/mailbox/id").asLong())));
      }
    }
  }

  private void awaitOutboxRelayed() {
    await("the outbox relayed")
        .atMost(Duration.ofSeconds(15))
        .pollInterval(Duration.ofMillis(20))
        .until(
            () -> {
              try (Connection c = stack.database().connect();
                  PreparedStatement s =
                      c.prepareStatement(
                          "select count(*) from host_entry_outbox where published_at is null");
                  ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1) == 0;
              }
            });
  }

  private List<String> auditOutcomes(String requestId) throws Exception {
    try (Connection c = stack.database().connect();
        PreparedStatement s =
            c.prepareStatement("select outcome from audit_event where request_id = ?")) {
      s.setString(1, requestId);
      List<String> outcomes = new ArrayList<>();
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          outcomes.add(rs.getString(1));
        }
      }
      return outcomes;
    }
  }
}
