package dev.poststack.renderer.host;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/**
 * Random valid host states drawn from small name pools, so addresses collide often: deleted and
 * re-created mailboxes, aliases that would shadow a mailbox (turned into deleted ones), aliases to
 * deleted mailboxes.
 */
final class StateArbitraries {
  private static final List<String> DOMAINS =
      List.of("example.test", "shop.test", "a-b.example.test");
  private static final List<String> LOCALS =
      List.of("alice", "bob", "carol", "info", "x.y", "a_b", "z-9");
  private static final List<String> HASHES =
      List.of(Fixtures.HASH_A, Fixtures.HASH_B, Fixtures.HASH_C);
  private static final List<String> STATUSES = List.of("active", "suspended", "deleted");

  private StateArbitraries() {}

  record MailboxDraft(int local, int domain, int hash, int status, long quota) {}

  record AliasDraft(int local, int domain, int destination, boolean deleted) {}

  static Arbitrary<HostState> states() {
    Arbitrary<MailboxDraft> mailbox =
        Combinators.combine(
                index(LOCALS),
                index(DOMAINS),
                index(HASHES),
                index(STATUSES),
                Arbitraries.longs().between(1L << 20, 1L << 40))
            .as(MailboxDraft::new);
    Arbitrary<AliasDraft> alias =
        Combinators.combine(
                index(LOCALS),
                index(DOMAINS),
                Arbitraries.integers().between(0, 50),
                Arbitraries.of(true, false))
            .as(AliasDraft::new);
    return Combinators.combine(
            Arbitraries.of(true, false).list().ofSize(DOMAINS.size()),
            mailbox.list().ofMinSize(1).ofMaxSize(12),
            alias.list().ofMaxSize(8))
        .as(StateArbitraries::build);
  }

  private static HostState build(
      List<Boolean> active, List<MailboxDraft> mDrafts, List<AliasDraft> aDrafts) {
    List<HostDomain> domains = new ArrayList<>();
    for (int i = 0; i < DOMAINS.size(); i++) {
      domains.add(HostDomain.of(i + 1, DOMAINS.get(i), active.get(i)));
    }
    List<HostMailbox> mailboxes = new ArrayList<>();
    Set<String> live = new HashSet<>();
    for (MailboxDraft d : mDrafts) {
      String address = LOCALS.get(d.local()) + "@" + DOMAINS.get(d.domain());
      String status = STATUSES.get(d.status());
      if (!status.equals("deleted") && !live.add(address)) {
        status = "deleted"; // one live mailbox per address; the earlier one was deleted
      }
      mailboxes.add(
          HostMailbox.of(
              100 + mailboxes.size(),
              DOMAINS.get(d.domain()),
              LOCALS.get(d.local()),
              HASHES.get(d.hash()),
              status,
              d.quota()));
    }
    List<HostAlias> aliases = new ArrayList<>();
    Set<String> liveAliases = new HashSet<>();
    for (AliasDraft d : aDrafts) {
      String address = LOCALS.get(d.local()) + "@" + DOMAINS.get(d.domain());
      boolean deleted = d.deleted() || live.contains(address) || !liveAliases.add(address);
      long destination = mailboxes.get(d.destination() % mailboxes.size()).id();
      aliases.add(
          HostAlias.of(
              500 + aliases.size(),
              DOMAINS.get(d.domain()),
              LOCALS.get(d.local()),
              destination,
              deleted));
    }
    return new HostState(domains, mailboxes, aliases);
  }

  private static Arbitrary<Integer> index(List<?> pool) {
    return Arbitraries.integers().between(0, pool.size() - 1);
  }
}
