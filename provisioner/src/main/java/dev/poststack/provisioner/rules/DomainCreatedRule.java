package dev.poststack.provisioner.rules;

import static dev.poststack.schemas.RejectionCode.DOMAIN_NAME_TAKEN;
import static dev.poststack.schemas.RejectionCode.ID_CONFLICT;

import dev.poststack.controlplane.limit.TeamLimit;
import dev.poststack.provisioner.domain.Domain;
import dev.poststack.schemas.EventType;
import dev.poststack.schemas.event.DomainCreated;
import dev.poststack.schemas.event.DomainStatus;
import dev.poststack.values.address.DomainName;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A new domain starts pending. The name is taken only when some domain holds it (verified, or still
 * serving addresses) or the team already has it: another team's unverified claim blocks nobody, and
 * whoever proves the name by DNS first gets it verified ({@link DomainUpdatedRule}).
 */
final class DomainCreatedRule implements Rule<DomainCreated> {

  @Override
  public EventType type() {
    return EventType.DOMAIN_CREATED;
  }

  @Override
  public List<Read> reads(DomainCreated event) {
    List<Read> reads = new ArrayList<>();
    reads.add(new Read.DomainById(event.getDomainId()));
    reads.add(new Read.LiveDomainsNamed(event.getName()));
    reads.add(new Read.NameHolder(event.getName()));
    reads.add(new Read.PublicIdTaken(Read.Table.DOMAIN, event.getPublicId()));
    if (Limits.any(event.getDomainLimit(), event.getPendingDomainLimit())) {
      reads.add(new Read.TeamUsageOf(event.getEnvelope().getTeamId()));
    }
    return reads;
  }

  @Override
  public Decision decide(Snapshot current, DomainCreated event) {
    // strict constructor, not DomainName.of: the event must carry the canonical name it stores
    DomainName name = new DomainName(event.getName());
    String publicId = PublicIdForm.check(event.getPublicId());
    long team = event.getEnvelope().getTeamId();
    if (current.domain().isPresent() || current.publicIdTaken()) {
      return Decision.rejected(ID_CONFLICT, "domain " + event.getDomainId() + " already exists");
    }
    boolean teamHasIt = current.liveDomainsNamed().stream().anyMatch(d -> d.teamId() == team);
    if (teamHasIt || current.nameHolder().isPresent()) {
      // the same words whoever holds it: nothing here tells one team about another's domains
      return Decision.rejected(DOMAIN_NAME_TAKEN, "domain name " + name + " is already in use");
    }
    Optional<Decision> overLimit =
        Limits.refusal(TeamLimit.DOMAINS, event.getDomainLimit(), current.usage().domains())
            .or(
                () ->
                    Limits.refusal(
                        TeamLimit.PENDING_DOMAINS,
                        event.getPendingDomainLimit(),
                        current.usage().pendingDomains()));
    if (overLimit.isPresent()) {
      return overLimit.get();
    }
    Instant at = event.getEnvelope().getOccurredAt();
    Domain domain =
        new Domain(
            event.getDomainId(),
            publicId,
            team,
            name.value(),
            DomainStatus.pending,
            event.getInboundEnabled(),
            null,
            at,
            at,
            null);
    List<Change> changes = new ArrayList<>();
    changes.add(new Change.SaveDomain(domain));
    java.util.Set<String> selectors = new java.util.HashSet<>();
    for (dev.poststack.schemas.event.DkimKey key : event.getDkimKeys()) {
      if (!selectors.add(key.getSelector())) {
        return Decision.rejected(ID_CONFLICT, "selector " + key.getSelector() + " given twice");
      }
      // active from the start: a pending domain's keys reach the hosts once it is verified
      changes.add(
          new Change.SaveDkimKey(
              DkimKeyring.fromEvent(
                  event.getDomainId(), key, dev.poststack.values.dkim.DkimKeyState.ACTIVE, at),
              domain.name(),
              DkimKeyring.onHosts(domain)));
    }
    return Decision.applied(changes);
  }
}
