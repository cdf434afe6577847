package dev.poststack.agent.reconcile;

import static dev.poststack.agent.HostStates.records;
import static dev.poststack.agent.HostStates.state;
import static org.assertj.core.api.Assertions.assertThat;

import dev.poststack.renderer.host.ContentHash;
import dev.poststack.renderer.host.EntryChange;
import dev.poststack.renderer.host.EntryKey;
import dev.poststack.renderer.host.HostEntries;
import dev.poststack.renderer.host.HostEntry;
import dev.poststack.renderer.host.HostState;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The pure plan: records + the stored rows of their keys → actions, hash, positions, effects. */
class PlannerTest {
  private static final HostState BASE =
      state()
          .domain(1, "example.test")
          .mailbox(10, "alice@example.test", "alice-pw")
          .mailbox(11, "bob@example.test", "bob-pw")
          .alias(20, "info@example.test", 10)
          .build();

  /** The store after applying {@code state} completely. */
  private static Map<EntryKey, HostEntry> rowsOf(HostState state) {
    Map<EntryKey, HostEntry> rows = new HashMap<>();
    HostEntries.render(state).forEach(e -> rows.put(e.key(), e));
    return rows;
  }

  private static List<EntryRecord> puts(HostState state) {
    return records(
        0,
        0,
        HostEntries.render(state).stream().map(e -> (EntryChange) new EntryChange.Put(e)).toList());
  }

  private static ApplyPlan plan(
      List<EntryRecord> records, Map<EntryKey, HostEntry> rows, ContentHash hash) {
    return Planner.plan(Desired.of(records), rows, hash, records.size());
  }

  /** Applies a plan to an in-memory copy of the rows, as the store would. */
  private static Map<EntryKey, HostEntry> applied(Map<EntryKey, HostEntry> rows, ApplyPlan plan) {
    Map<EntryKey, HostEntry> after = new HashMap<>(rows);
    for (StoreAction a : plan.actions()) {
      if (a instanceof StoreAction.Delete) {
        after.remove(a.key());
      } else {
        after.put(
            a.key(),
            a instanceof StoreAction.Insert i ? i.entry() : ((StoreAction.Update) a).entry());
      }
    }
    return after;
  }

  @Test
  void newHostInsertsEveryEntryAndReachesTheRenderedHash() {
    ApplyPlan plan = plan(puts(BASE), Map.of(), ContentHash.EMPTY);

    assertThat(plan.actions())
        .hasSize(HostEntries.render(BASE).size())
        .allMatch(a -> a instanceof StoreAction.Insert);
    assertThat(plan.hashAfter()).isEqualTo(ContentHash.of(HostEntries.render(BASE)));
    assertThat(applied(Map.of(), plan)).isEqualTo(rowsOf(BASE));
  }

  @Test
  void recordsRepeatingTheStoredRowsChangeNothingButPositions() {
    ContentHash hash = ContentHash.of(HostEntries.render(BASE));

    ApplyPlan plan = plan(puts(BASE), rowsOf(BASE), hash);

    assertThat(plan.actions()).isEmpty();
    assertThat(plan.hashAfter()).isEqualTo(hash);
    assertThat(plan.effects().isEmpty()).isTrue();
    assertThat(plan.positions()).containsEntry(0, (long) puts(BASE).size());
  }

  @Test
  void tombstoneDeletesTheRowAndTakesItOutOfTheHash() {
    HostState after =
        state()
            .domain(1, "example.test")
            .mailbox(10, "alice@example.test", "alice-pw")
            .mailbox(11, "bob@example.test", "bob-pw")
            .build();
    List<EntryRecord> tombstones =
        records(
            2,
            40,
            List.of(
                new EntryChange.Remove(EntryKey.parse("alias:info@example.test")),
                new EntryChange.Remove(EntryKey.parse("sender:info@example.test"))));

    ApplyPlan plan = plan(tombstones, rowsOf(BASE), ContentHash.of(HostEntries.render(BASE)));

    assertThat(plan.actions()).hasSize(2).allMatch(a -> a instanceof StoreAction.Delete);
    assertThat(plan.hashAfter()).isEqualTo(ContentHash.of(HostEntries.render(after)));
    assertThat(plan.positions()).isEqualTo(Map.of(2, 42L));
  }

  @Test
  void tombstoneForAKeyWithoutARowDoesNothing() {
    List<EntryRecord> tombstone =
        records(0, 5, List.of(new EntryChange.Remove(EntryKey.parse("mailbox:dave@example.test"))));

    ApplyPlan plan = plan(tombstone, rowsOf(BASE), ContentHash.of(HostEntries.render(BASE)));

    assertThat(plan.actions()).isEmpty();
    assertThat(plan.effects().kicks()).isEmpty();
  }

  @Test
  void lastRecordOfAKeyInABurstWins() {
    HostState suspended =
        state()
            .domain(1, "example.test")
            .mailbox(10, "alice@example.test", "alice-pw", "suspended", 1L << 30)
            .build();
    List<EntryRecord> burst = new ArrayList<>(puts(suspended));
    burst.addAll(
        records(0, burst.size(), HostEntries.changesOf(BASE.mailbox(10).orElseThrow(), List.of())));

    ApplyPlan plan = plan(burst, Map.of(), ContentHash.EMPTY);

    HostEntry alice = rowsOf(BASE).get(EntryKey.parse("mailbox:alice@example.test"));
    assertThat(plan.actions()).contains(new StoreAction.Insert(alice));
  }

  @Test
  void deletesComeBeforeInsertsBeforeUpdates() {
    HostState next =
        state()
            .domain(2, "shop.test")
            .mailbox(10, "alice@example.test", "new-pw")
            .mailbox(11, "bob@example.test", "bob-pw")
            .build();
    List<EntryRecord> burst = new ArrayList<>(puts(next));
    burst.addAll(
        records(
            0,
            burst.size(),
            List.of(new EntryChange.Remove(EntryKey.parse("domain:example.test")))));

    ApplyPlan plan = plan(burst, rowsOf(BASE), ContentHash.of(HostEntries.render(BASE)));

    assertThat(plan.actions())
        .extracting(a -> a.getClass().getSimpleName())
        .containsExactly("Delete", "Insert", "Update");
  }

  @Test
  void domainSetChangeReloadsPostfixAndMailboxChangesDoNot() {
    HostState withShop = state().domain(1, "example.test").domain(2, "shop.test").build();
    ApplyPlan domainAdded =
        plan(puts(withShop), rowsOf(BASE), ContentHash.of(HostEntries.render(BASE)));
    HostState newMailbox =
        state().domain(1, "example.test").mailbox(12, "carol@example.test", "c").build();
    ApplyPlan mailboxAdded =
        plan(puts(newMailbox), rowsOf(BASE), ContentHash.of(HostEntries.render(BASE)));

    assertThat(domainAdded.effects().reloadPostfix()).isTrue();
    assertThat(mailboxAdded.effects().reloadPostfix()).isFalse();
    assertThat(mailboxAdded.effects().kicks()).isEmpty();
  }

  @Test
  void suspensionNewPasswordAndDeletionKickTheMailboxButReactivationAndQuotaDoNot() {
    HostState changed =
        state()
            .domain(1, "example.test")
            .mailbox(10, "alice@example.test", "alice-pw", "suspended", 1L << 30)
            .mailbox(11, "bob@example.test", "bob-new-pw")
            .build();
    List<EntryRecord> burst = new ArrayList<>(puts(changed));
    burst.addAll(
        records(
            0,
            burst.size(),
            List.of(new EntryChange.Remove(EntryKey.parse("mailbox:bob@example.test")))));
    Map<EntryKey, HostEntry> rows = rowsOf(BASE);

    assertThat(plan(puts(changed), rows, ContentHash.EMPTY).effects().kicks())
        .containsExactly("alice@example.test", "bob@example.test");
    assertThat(plan(burst, rows, ContentHash.EMPTY).effects().kicks())
        .containsExactly("alice@example.test", "bob@example.test");

    Map<EntryKey, HostEntry> suspendedRows = rowsOf(changed);
    HostState reactivated =
        state()
            .domain(1, "example.test")
            .mailbox(10, "alice@example.test", "alice-pw", "active", 1L << 20)
            .build();
    assertThat(plan(puts(reactivated), suspendedRows, ContentHash.EMPTY).effects().kicks())
        .isEmpty();
  }

  @Test
  void newMailboxSuspensionAndNewPasswordRenewTheLoginKeyButQuotaReactivationAndAliasesDoNot() {
    HostState added =
        state().domain(1, "example.test").mailbox(12, "carol@example.test", "c-pw").build();
    assertThat(renewed(plan(puts(added), rowsOf(BASE), ContentHash.EMPTY)))
        .containsExactly("carol@example.test");

    HostState changed =
        state()
            .domain(1, "example.test")
            .mailbox(10, "alice@example.test", "alice-pw", "suspended", 1L << 30)
            .mailbox(11, "bob@example.test", "bob-new-pw")
            .alias(20, "info@example.test", 10)
            .build();
    assertThat(renewed(plan(puts(changed), rowsOf(BASE), ContentHash.EMPTY)))
        .containsExactly("alice@example.test", "bob@example.test");

    HostState quotaAndReactivation =
        state()
            .domain(1, "example.test")
            .mailbox(10, "alice@example.test", "alice-pw", "active", 1L << 20)
            .mailbox(11, "bob@example.test", "bob-new-pw", "active", 1L << 20)
            .alias(20, "info@example.test", 10)
            .build();
    assertThat(renewed(plan(puts(quotaAndReactivation), rowsOf(changed), ContentHash.EMPTY)))
        .isEmpty();
  }

  @Test
  void anotherMailboxAtTheSameAddressEndsTheOldOnesSessionsEvenWithTheSameHash() {
    // the old mailbox's deletion was compacted away: the store sees id 10 become id 13
    HostState recreated =
        state().domain(1, "example.test").mailbox(13, "alice@example.test", "alice-pw").build();

    ApplyPlan plan = plan(puts(recreated), rowsOf(BASE), ContentHash.EMPTY);

    assertThat(plan.effects().kicks()).containsExactly("alice@example.test");
    assertThat(renewed(plan)).containsExactly("alice@example.test");
  }

  private static List<String> renewed(ApplyPlan plan) {
    return plan.actions().stream()
        .filter(StoreAction::renewsLoginKey)
        .map(a -> a.key().name())
        .sorted()
        .toList();
  }

  @Test
  void garbledLineIsRefusedAndItsKeyFailsClosed() {
    List<EntryRecord> burst =
        List.of(
            new EntryRecord(
                1,
                7,
                "mailbox:alice@example.test",
                "mailbox alice@example.test password=x status=active"),
            new EntryRecord(
                1,
                8,
                "mailbox:bob@example.test",
                rowsOf(BASE).get(EntryKey.parse("mailbox:alice@example.test")).line()),
            new EntryRecord(1, 9, "not a key", "domain example.test"));

    ApplyPlan plan = plan(burst, rowsOf(BASE), ContentHash.of(HostEntries.render(BASE)));

    assertThat(plan.refusals()).extracting(Refusal::offset).containsExactly(7L, 8L, 9L);
    assertThat(plan.actions())
        .extracting(StoreAction::key)
        .extracting(EntryKey::value)
        .containsExactlyInAnyOrder("mailbox:alice@example.test", "mailbox:bob@example.test");
    assertThat(plan.actions()).allMatch(a -> a instanceof StoreAction.Delete);
    assertThat(plan.positions()).isEqualTo(Map.of(1, 10L));
    assertThat(plan.refusals().toString()).doesNotContain("$6$");
  }

  @Test
  void positionsAreTheNextOffsetOfEachPartition() {
    List<EntryRecord> burst =
        List.of(
            new EntryRecord(0, 3, "domain:a.test", "domain a.test"),
            new EntryRecord(2, 9, "domain:b.test", "domain b.test"),
            new EntryRecord(0, 4, "domain:c.test", "domain c.test"));

    assertThat(plan(burst, Map.of(), ContentHash.EMPTY).positions())
        .isEqualTo(Map.of(0, 5L, 2, 10L));
  }

  @Test
  void effectsSurviveTheirStoredForm() {
    Effects effects =
        new Effects(true, new java.util.TreeSet<>(List.of("a@example.test", "b@shop.test")));

    assertThat(Effects.decode(effects.encode())).isEqualTo(effects);
    assertThat(Effects.decode(Effects.NONE.encode())).isEqualTo(Effects.NONE);
  }
}
