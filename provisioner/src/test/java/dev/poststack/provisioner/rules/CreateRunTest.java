package dev.poststack.provisioner.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.poststack.provisioner.TestEvents;
import dev.poststack.provisioner.domain.Domain;
import dev.poststack.provisioner.team.TeamUsage;
import dev.poststack.schemas.RejectionCode;
import dev.poststack.schemas.event.AliasCreated;
import dev.poststack.schemas.event.DomainStatus;
import dev.poststack.schemas.event.MailboxCreated;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The in-memory state of a run of creates, without a database: what it asks for, and how each
 * decision's saves change what the next event sees. {@code CreateRunEquivalenceIT} holds the whole
 * path to the one-by-one path on PostgreSQL.
 */
class CreateRunTest {
  private static final long TEAM = 7;
  private static final Instant T = Instant.parse("2026-03-28T12:00:00Z");
  private static final Domain VERIFIED =
      new Domain(10, "dom_10", TEAM, "run.example", DomainStatus.verified, true, T, T, T, null);

  private final TestEvents events = TestEvents.forTeam(TEAM);

  @Test
  void gathersEveryReadOfTheRunByKindWithTeamsInIdOrder() {
    MailboxCreated ann =
        MailboxCreated.newBuilder(events.mailboxCreated(1, 10, "ann")).setMailboxLimit(5L).build();
    AliasCreated sales = events.aliasCreated(2, 11, "sales", 1);
    MailboxCreated other =
        MailboxCreated.newBuilder(TestEvents.forTeam(3).mailboxCreated(4, 12, "bob"))
            .setMailboxLimit(5L)
            .build();

    CreateRun.Wanted wanted = CreateRun.Wanted.by(List.of(ann, sales, other));

    assertThat(wanted.domainIds()).containsExactly(10L, 11L, 12L);
    assertThat(wanted.mailboxIds()).containsExactly(1L, 4L);
    assertThat(wanted.aliasIds()).containsExactly(2L);
    assertThat(wanted.mailboxPublicIds()).containsExactly("mb_1", "mb_4");
    assertThat(wanted.aliasPublicIds()).containsExactly("al_2");
    assertThat(wanted.addresses())
        .containsExactly(
            new CreateRun.Address(10, "ann"),
            new CreateRun.Address(11, "sales"),
            new CreateRun.Address(12, "bob"));
    assertThat(wanted.teams()).containsExactly(3L, TEAM);
  }

  @Test
  void onlyCreatesTakePart() {
    assertThat(CreateRun.takes(events.mailboxCreated(1, 10, "ann"))).isTrue();
    assertThat(CreateRun.takes(events.aliasCreated(2, 10, "sales", 1))).isTrue();
    assertThat(CreateRun.takes(events.mailboxDeleted(1, 10))).isFalse();
    assertThatThrownBy(() -> CreateRun.Wanted.by(List.of(events.domainVerified(10))))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void eachEventSeesTheSavesOfTheOnesBeforeIt() {
    MailboxCreated ann =
        MailboxCreated.newBuilder(events.mailboxCreated(1, 10, "ann")).setMailboxLimit(3L).build();
    MailboxCreated annAgain =
        MailboxCreated.newBuilder(events.mailboxCreated(2, 10, "ann")).setMailboxLimit(3L).build();
    MailboxCreated sameId =
        MailboxCreated.newBuilder(events.mailboxCreated(1, 10, "cat")).setMailboxLimit(3L).build();
    MailboxCreated bob =
        MailboxCreated.newBuilder(events.mailboxCreated(3, 10, "bob")).setMailboxLimit(2L).build();
    AliasCreated toAnn = events.aliasCreated(4, 10, "sales", 1);
    AliasCreated shadow = events.aliasCreated(5, 10, "sales", 1);
    List<org.apache.avro.specific.SpecificRecord> run =
        List.of(ann, annAgain, sameId, bob, toAnn, shadow);
    CreateRun state =
        CreateRun.over(
            CreateRun.Wanted.by(run), loadedWith(Map.of(TEAM, new TeamUsage(1, 0, 1, 0))));

    assertThat(decide(state, ann)).isInstanceOf(Decision.Applied.class);
    assertThat(rejection(decide(state, annAgain))).isEqualTo(RejectionCode.ADDRESS_TAKEN);
    assertThat(rejection(decide(state, sameId))).isEqualTo(RejectionCode.ID_CONFLICT);
    // one mailbox before the run and ann: the limit of two is reached
    assertThat(state.snapshotFor(bob).usage().mailboxes()).isEqualTo(2);
    assertThat(rejection(decide(state, bob))).isEqualTo(RejectionCode.LIMIT_REACHED);
    assertThat(decide(state, toAnn)).isInstanceOf(Decision.Applied.class);
    assertThat(rejection(decide(state, shadow))).isEqualTo(RejectionCode.ADDRESS_TAKEN);
    assertThat(state.liveAliasesTo(1)).extracting(a -> a.id()).containsExactly(4L);
    assertThat(state.mailbox(1))
        .hasValueSatisfying(m -> assertThat(m.localPart()).isEqualTo("ann"));
  }

  @Test
  void aMailboxThatExistedBeforeTheRunHasAliasesItCannotSee() {
    MailboxCreated ann = events.mailboxCreated(1, 10, "ann");
    CreateRun state = CreateRun.over(CreateRun.Wanted.by(List.of(ann)), loadedWith(Map.of()));

    assertThatThrownBy(() -> state.liveAliasesTo(99)).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(
            () -> state.snapshotFor(MailboxCreated.newBuilder(ann).setMailboxLimit(1L).build()))
        .isInstanceOf(IllegalStateException.class);
  }

  /** The database held the verified domain, no mailbox or alias the run names, and this usage. */
  private static CreateRun.Loaded loadedWith(Map<Long, TeamUsage> usage) {
    return new CreateRun.Loaded(
        List.of(VERIFIED), List.of(), List.of(), Set.of(), Set.of(), List.of(), List.of(), usage);
  }

  private static Decision decide(CreateRun state, org.apache.avro.specific.SpecificRecord event) {
    Decision decision = Provisioning.apply(state.snapshotFor(event), event);
    state.record(decision);
    return decision;
  }

  private static RejectionCode rejection(Decision decision) {
    assertThat(decision).isInstanceOf(Decision.Rejected.class);
    return ((Decision.Rejected) decision).code();
  }
}
