package dev.poststack.provisioner.rules;

import static dev.poststack.provisioner.Rows.OTHER_TEAM;
import static dev.poststack.provisioner.Rows.TEAM;
import static org.assertj.core.api.Assertions.assertThat;

import dev.poststack.provisioner.TestEvents;
import dev.poststack.provisioner.app.RuleFixture;
import dev.poststack.provisioner.team.TeamUsage;
import dev.poststack.schemas.RejectionCode;
import dev.poststack.schemas.event.AliasCreated;
import dev.poststack.schemas.event.DomainCreated;
import dev.poststack.schemas.event.MailboxCreated;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A create carries the team's limit as the API saw it; the provisioner refuses it at that value,
 * counting what the team holds in the same transaction (team_usage), so the limit is the rule's,
 * not only the API's fast path.
 */
class TeamLimitRulesIT {
  @RegisterExtension static final RuleFixture fixture = new RuleFixture();

  private final TestEvents events = TestEvents.forTeam(TEAM);
  private final TestEvents otherTeam = TestEvents.forTeam(OTHER_TEAM);

  private DomainCreated domain(long id, String name, Long domains, Long pending) {
    return DomainCreated.newBuilder(events.domainCreated(id, name))
        .setDomainLimit(domains)
        .setPendingDomainLimit(pending)
        .build();
  }

  private MailboxCreated mailbox(long id, String localPart, long limit) {
    return MailboxCreated.newBuilder(events.mailboxCreated(id, 1, localPart))
        .setMailboxLimit(limit)
        .build();
  }

  @Test
  void refusesADomainAtTheTeamsDomainLimitAndTakesItBelow() {
    RuleFixture.Given twoDomains =
        fixture.given(
            events.domainCreated(1, "a.example"),
            events.domainVerified(1),
            events.domainCreated(2, "b.example"),
            otherTeam.domainCreated(9, "c.example"));
    twoDomains.when(domain(3, "d.example", 2L, null)).thenRejected(RejectionCode.LIMIT_REACHED);
    twoDomains.when(domain(3, "d.example", 3L, null)).thenOnly(Change.SaveDomain.class);
  }

  @Test
  void refusesAnUnverifiedDomainAtThePendingLimitWhileVerifiedOnesDoNotCount() {
    RuleFixture.Given onePending =
        fixture.given(
            events.domainCreated(1, "a.example"),
            events.domainVerified(1),
            events.domainCreated(2, "b.example"));
    onePending.when(domain(3, "c.example", null, 1L)).thenRejected(RejectionCode.LIMIT_REACHED);
    onePending.when(domain(3, "c.example", 50L, 2L)).thenOnly(Change.SaveDomain.class);
  }

  @Test
  void refusesAMailboxAtTheLimitAndADeletedOneNoLongerCounts() {
    RuleFixture.Given oneMailbox =
        fixture.given(
            events.domainCreated(1, "example.com"),
            events.domainVerified(1),
            events.mailboxCreated(2, 1, "anna"));
    oneMailbox.when(mailbox(3, "bob", 1)).thenRejected(RejectionCode.LIMIT_REACHED);
    oneMailbox.when(mailbox(3, "bob", 2)).thenOnly(Change.SaveMailbox.class);
    fixture
        .given(
            events.domainCreated(1, "example.com"),
            events.domainVerified(1),
            events.mailboxCreated(2, 1, "anna"),
            events.mailboxDeleted(2, 1))
        .when(mailbox(3, "bob", 1))
        .thenOnly(Change.SaveMailbox.class);
  }

  @Test
  void refusesAnAliasAtTheLimit() {
    RuleFixture.Given oneAlias =
        fixture.given(
            events.domainCreated(1, "example.com"),
            events.domainVerified(1),
            events.mailboxCreated(2, 1, "anna"),
            events.aliasCreated(3, 1, "info", 2));
    AliasCreated second = events.aliasCreated(4, 1, "help", 2);
    oneAlias
        .when(AliasCreated.newBuilder(second).setAliasLimit(1L).build())
        .thenRejected(RejectionCode.LIMIT_REACHED);
    oneAlias
        .when(AliasCreated.newBuilder(second).setAliasLimit(2L).build())
        .thenOnly(Change.SaveAlias.class);
  }

  @Test
  void anEventWithoutALimitIsNotCheckedAsEventsFromBeforeLimitsAndOperatorsAreNot() {
    fixture
        .given(events.domainCreated(1, "a.example"))
        .when(events.domainCreated(2, "b.example"))
        .thenOnly(Change.SaveDomain.class);
  }

  @Test
  void theUsageCountsWhatTheTeamHoldsNowAfterEveryKindOfChange() {
    TeamUsage usage =
        fixture
            .given(
                events.domainCreated(1, "a.example"),
                events.domainVerified(1),
                events.domainCreated(2, "b.example"),
                events.domainCreated(3, "c.example"),
                events.domainExpired(3),
                events.mailboxCreated(4, 1, "anna"),
                events.mailboxCreated(5, 1, "bob"),
                events.aliasCreated(6, 1, "info", 4),
                events.aliasCreated(7, 1, "help", 5),
                // deleting bob deletes his alias too
                events.mailboxDeleted(5, 1),
                otherTeam.domainCreated(9, "d.example"))
            .usage(TEAM);
    assertThat(usage).isEqualTo(new TeamUsage(2, 1, 1, 1));
  }
}
