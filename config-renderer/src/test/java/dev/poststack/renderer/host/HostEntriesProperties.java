package dev.poststack.renderer.host;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class HostEntriesProperties {

  @Property
  void sameStateGivesTheSameEntriesBytesAndHashInAnyInputOrder(
      @ForAll("states") HostState state, @ForAll long seed) {
    List<HostEntry> once = HostEntries.render(state);
    List<HostEntry> shuffled = HostEntries.render(shuffle(state, new Random(seed)));
    assertThat(shuffled).isEqualTo(once);
    assertThat(lines(shuffled)).isEqualTo(lines(once));
    assertThat(ContentHash.of(shuffled)).isEqualTo(ContentHash.of(once));
    assertThat(once).extracting(HostEntry::key).isSorted().doesNotHaveDuplicates();
  }

  @Property
  void theHashIgnoresOrderAndEqualsIncrementalAddAndRemove(
      @ForAll("states") HostState before, @ForAll("states") HostState after, @ForAll long seed) {
    List<HostEntry> old = HostEntries.render(before);
    List<HostEntry> target = new ArrayList<>(HostEntries.render(after));
    Collections.shuffle(target, new Random(seed));
    assertThat(ContentHash.of(target)).isEqualTo(ContentHash.of(HostEntries.render(after)));
    // what an agent does: start from the old set's hash, remove what went, add what came
    ContentHash incremental = ContentHash.of(old);
    for (HostEntry e : old) {
      if (!target.contains(e)) {
        incremental = incremental.remove(e);
      }
    }
    for (HostEntry e : target) {
      if (!old.contains(e)) {
        incremental = incremental.add(e);
      }
    }
    assertThat(incremental).isEqualTo(ContentHash.of(target));
    assertThat(ContentHash.parse(incremental.hex())).isEqualTo(incremental);
  }

  @Property
  void perObjectChangesAgreeWithTheFullRender(@ForAll("states") HostState state) {
    Map<EntryKey, HostEntry> puts = new HashMap<>();
    Set<EntryKey> removed = new HashSet<>();
    List<EntryChange> all = new ArrayList<>();
    state.domains().forEach(d -> all.addAll(HostEntries.changesOf(d)));
    state.mailboxes().forEach(m -> all.addAll(HostEntries.changesOf(m, state.aliasesOf(m.id()))));
    state
        .aliases()
        .forEach(
            a ->
                all.addAll(
                    HostEntries.changesOf(a, state.mailbox(a.destinationMailboxId()).get())));
    for (EntryChange c : all) {
      if (c instanceof EntryChange.Put p) {
        HostEntry previous = puts.put(p.key(), p.entry());
        assertThat(previous == null || previous.equals(p.entry())).as("one value per key").isTrue();
      } else {
        removed.add(c.key());
      }
    }
    List<HostEntry> render = HostEntries.render(state);
    assertThat(new HashSet<>(puts.values())).isEqualTo(new HashSet<>(render));
    // a removal only ever concerns a key no live object renders, or one a re-created object owns
    for (EntryKey key : removed) {
      assertThat(render.stream().anyMatch(e -> e.key().equals(key)) == puts.containsKey(key))
          .isTrue();
    }
  }

  @Property
  void everyEntryDecodesFromItsLineAndItsRow(@ForAll("states") HostState state) {
    for (HostEntry e : HostEntries.render(state)) {
      assertThat(EntryCodec.parse(e.line())).isEqualTo(e);
      assertThat(EntryCodec.fromRow(e.kind(), e.columnValues())).isEqualTo(e);
      assertThat(EntryKey.parse(e.key().value())).isEqualTo(e.key());
    }
  }

  @Provide
  Arbitrary<HostState> states() {
    return StateArbitraries.states();
  }

  static List<String> lines(List<HostEntry> entries) {
    return entries.stream().map(HostEntry::line).toList();
  }

  private static HostState shuffle(HostState s, Random random) {
    List<HostDomain> d = new ArrayList<>(s.domains());
    List<HostMailbox> m = new ArrayList<>(s.mailboxes());
    List<HostAlias> a = new ArrayList<>(s.aliases());
    Collections.shuffle(d, random);
    Collections.shuffle(m, random);
    Collections.shuffle(a, random);
    return new HostState(d, m, a);
  }
}
