package dev.poststack.provisioner.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.poststack.provisioner.TestEvents;
import dev.poststack.provisioner.audit.KafkaPosition;
import dev.poststack.provisioner.replay.StateComparison;
import dev.poststack.schemas.event.AliasCreated;
import dev.poststack.schemas.event.MailboxCreated;
import dev.poststack.testing.TestDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.apache.avro.specific.SpecificRecord;

/**
 * Deciding a run of creates as a set ({@code CreateRun}) must come to exactly what deciding them
 * one by one comes to: the same outcomes, the same state table by table (usage counts included),
 * the same audit rows and host entries in the same order. Each try sends one random history to two
 * databases, one through each path, in the same random batches, and compares everything.
 *
 * <p>The histories are made to collide: few ids, public ids, local parts and domains (verified,
 * pending, another team's, missing), team limits near the counts, aliases to mailboxes that do not
 * exist yet or were deleted, deletes and password changes between creates (they end a run),
 * redelivered events, and events refused before any read (a hash of an unknown scheme) or by the
 * value types (a local part with a space). Every try appends to the same two databases, so state
 * from earlier tries is there too.
 */
class CreateRunEquivalenceIT {
  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  /** Few names, so addresses collide; the last is refused by the value types. */
  private static final String[] LOCAL_PARTS = {"ann", "bob", "cat", "dan", "ann", "bob", "a b"};

  private static ApplyRig asSet;
  private static ApplyRig oneByOne;
  private static int tries;

  @BeforeContainer
  static void databases() {
    asSet = ApplyRig.on(TestDatabase.create(), true);
    oneByOne = ApplyRig.on(TestDatabase.create(), false);
  }

  @AfterContainer
  static void drop() {
    asSet.close();
    oneByOne.close();
  }

  /** One thing that happens in a history, in terms of small pools that the try turns into ids. */
  record Step(
      int kind, boolean otherTeam, int id, int publicId, int domain, int localPart, int limit) {}

  @Property(tries = 60)
  void aRunOfCreatesComesToWhatOneByOneComesTo(
      @ForAll("histories") List<Step> history, @ForAll("batchSizes") List<Integer> batchSizes)
      throws SQLException {
    long base = 100_000L * ++tries;
    List<SpecificRecord> events = events(base, history);
    List<List<EventProcessor.Pending>> batches = batches(events, batchSizes);

    List<RecordOutcome> setOutcomes = apply(asSet, batches);
    List<RecordOutcome> oneOutcomes = apply(oneByOne, batches);

    assertThat(setOutcomes).isEqualTo(oneOutcomes);
    try (Connection a = connect(asSet);
        Connection b = connect(oneByOne)) {
      assertThat(StateComparison.ofProvisionerState().difference(b, a)).isEmpty();
      for (String query :
          List.of(
              "select event_id, coalesce(entry_key, ''), coalesce(line, 'tombstone'),"
                  + " coalesce(object_kind, ''), coalesce(object_id, 0)"
                  + " from host_entry_outbox order by id",
              "select event_id, team_id, outcome from audit_event order by id")) {
        assertThat(rows(a, query)).as(query).isEqualTo(rows(b, query));
      }
    }
  }

  @Provide
  Arbitrary<List<Step>> histories() {
    Arbitrary<Step> step =
        Combinators.combine(
                Arbitraries.frequency(
                    // creates mostly, so runs are long; the rest ends runs or repeats an event
                    List.of(
                        net.jqwik.api.Tuple.of(6, 0),
                        net.jqwik.api.Tuple.of(4, 1),
                        net.jqwik.api.Tuple.of(1, 2),
                        net.jqwik.api.Tuple.of(1, 3),
                        net.jqwik.api.Tuple.of(1, 4),
                        net.jqwik.api.Tuple.of(1, 5),
                        net.jqwik.api.Tuple.of(1, 6))),
                Arbitraries.integers().between(0, 9).map(n -> n == 0),
                Arbitraries.integers().between(0, 7),
                Arbitraries.integers().between(0, 8),
                Arbitraries.frequencyOf(
                    net.jqwik.api.Tuple.of(4, Arbitraries.just(0)),
                    net.jqwik.api.Tuple.of(4, Arbitraries.just(1)),
                    net.jqwik.api.Tuple.of(1, Arbitraries.just(2)),
                    net.jqwik.api.Tuple.of(4, Arbitraries.just(3)),
                    net.jqwik.api.Tuple.of(1, Arbitraries.just(4))),
                Arbitraries.integers().between(0, LOCAL_PARTS.length - 1),
                Arbitraries.integers().between(0, 8))
            .as(Step::new);
    return step.list().ofMinSize(10).ofMaxSize(60);
  }

  @Provide
  Arbitrary<List<Integer>> batchSizes() {
    return Arbitraries.integers().between(1, 15).list().ofMinSize(1).ofMaxSize(40);
  }

  /**
   * Kinds: 0 mailbox created, 1 alias created, 2 mailbox deleted, 3 alias deleted, 4 password
   * changed, 5 the previous event again (a redelivery), 6 a create refused before any read.
   */
  private static List<SpecificRecord> events(long base, List<Step> history) {
    long[] teams = {base + 1, base + 2};
    TestEvents[] of = {TestEvents.forTeam(teams[0]), TestEvents.forTeam(teams[1])};
    // domains: 0 and 1 verified (team 0), 2 pending (team 0), 3 verified (team 1), 4 missing
    long[] domains = {base + 10, base + 11, base + 12, base + 13, base + 14};
    List<SpecificRecord> events = new ArrayList<>();
    events.add(of[0].domainCreated(domains[0], "d0-" + base + ".example"));
    events.add(of[0].domainVerified(domains[0]));
    events.add(of[0].domainCreated(domains[1], "d1-" + base + ".example"));
    events.add(of[0].domainVerified(domains[1]));
    events.add(of[0].domainCreated(domains[2], "d2-" + base + ".example"));
    events.add(of[1].domainCreated(domains[3], "d3-" + base + ".example"));
    events.add(of[1].domainVerified(domains[3]));
    // the domain of each mailbox id created so far: an alias mostly goes to one of them, in its
    // domain, so that aliases apply and then meet mailboxes and aliases at their addresses
    Map<Integer, Integer> mailboxDomains = new LinkedHashMap<>();
    for (Step s : history) {
      int domainIndex = s.domain();
      long destination = base + 100 + s.publicId();
      if (s.kind() == 1 && s.publicId() < 8 && !mailboxDomains.isEmpty()) {
        List<Integer> created = List.copyOf(mailboxDomains.keySet());
        int target = created.get(s.publicId() % created.size());
        destination = base + 100 + target;
        domainIndex = s.domain() == 4 ? 4 : mailboxDomains.get(target);
      }
      if (s.kind() == 0) {
        mailboxDomains.put(s.id(), domainIndex);
      }
      // mostly the domain's own team (domain 3 is team 1's); sometimes the other one
      int owner = domainIndex == 3 ? 1 : 0;
      TestEvents team = of[s.otherTeam() ? 1 - owner : owner];
      long domain = domains[domainIndex];
      long mailbox = base + 100 + s.id();
      long alias = base + 200 + s.id();
      // no limit, or one the team's counts reach within a history
      Long limit = s.limit() < 4 ? null : (long) s.limit() - 1;
      SpecificRecord event =
          switch (s.kind()) {
            case 0 ->
                MailboxCreated.newBuilder(
                        team.mailboxCreated(mailbox, domain, LOCAL_PARTS[s.localPart()]))
                    .setPublicId(publicId("mb_", base, s))
                    .setMailboxLimit(limit)
                    .build();
            case 1 ->
                AliasCreated.newBuilder(
                        team.aliasCreated(alias, domain, LOCAL_PARTS[s.localPart()], destination))
                    .setPublicId(publicId("al_", base, s))
                    .setAliasLimit(limit)
                    .build();
            case 2 -> team.mailboxDeleted(mailbox, domain);
            case 3 -> team.aliasDeleted(alias, domain);
            case 4 ->
                team.passwordChanged(
                    mailbox, domain, "{SHA512-CRYPT}$6$rounds=5000$other$" + "x".repeat(86));
            case 5 -> events.get(events.size() - 1);
            default ->
                MailboxCreated.newBuilder(team.mailboxCreated(mailbox, domain, "eve"))
                    .setPasswordHash("{PLAIN}secret")
                    .build();
          };
      events.add(event);
    }
    return events;
  }

  /** The object's own public id, now and then the one of id 0: a public id already taken. */
  private static String publicId(String prefix, long base, Step s) {
    return prefix + base + "_" + (s.publicId() == 8 ? 0 : s.id());
  }

  private static List<List<EventProcessor.Pending>> batches(
      List<SpecificRecord> events, List<Integer> sizes) {
    List<List<EventProcessor.Pending>> batches = new ArrayList<>();
    int next = 0;
    for (int i = 0; next < events.size(); i++) {
      int size = sizes.get(i % sizes.size());
      List<EventProcessor.Pending> batch = new ArrayList<>();
      for (int j = 0; j < size && next < events.size(); j++, next++) {
        batch.add(
            new EventProcessor.Pending(
                events.get(next), new KafkaPosition("equivalence", 0, next)));
      }
      batches.add(batch);
    }
    return batches;
  }

  private static List<RecordOutcome> apply(
      ApplyRig rig, List<List<EventProcessor.Pending>> batches) {
    List<RecordOutcome> outcomes = new ArrayList<>();
    for (List<EventProcessor.Pending> batch : batches) {
      outcomes.addAll(rig.processor().processAll(batch).block(TIMEOUT));
    }
    return outcomes;
  }

  private static Connection connect(ApplyRig rig) throws SQLException {
    return rig.database().connect();
  }

  private static List<String> rows(Connection c, String query) throws SQLException {
    List<String> rows = new ArrayList<>();
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(query)) {
      int columns = rs.getMetaData().getColumnCount();
      while (rs.next()) {
        StringBuilder row = new StringBuilder();
        for (int i = 1; i <= columns; i++) {
          row.append(rs.getString(i)).append('|');
        }
        rows.add(row.toString());
      }
    }
    return rows;
  }
}
