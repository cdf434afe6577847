package dev.poststack.api.domain;

import dev.poststack.api.dns.DnsResolver;
import dev.poststack.api.event.EventPublisher;
import dev.poststack.api.platform.ApiProperties;
import dev.poststack.api.platform.Purge;
import dev.poststack.api.work.WorkPool;
import dev.poststack.api.work.WorkPools;
import dev.poststack.controlplane.PublicIds;
import dev.poststack.schemas.Envelopes;
import dev.poststack.schemas.event.ActorKind;
import dev.poststack.schemas.event.DomainUpdated;
import dev.poststack.schemas.event.Envelope;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Looks verified domains up again once per {@code poststack.domain-dns.recheck-interval}, with the
 * housekeeping, and publishes each result as {@code DomainUpdated} (actor {@code system}): {@code
 * foundRecords} always, {@code status: failed} once a required record has stayed missing for {@code
 * recheck-grace} ({@link Recheck}). A lookup nobody answers, or a DNS pool too busy for it, skips
 * the domain until the next tick: no answer never fails a domain. Operator-verified domains are not
 * re-checked (the operator vouched for them).
 *
 * <p>Every instance runs it. The event id is derived from the domain and its last check, so two
 * instances publish one event and the provisioner applies it once.
 */
@Component
public class DomainRecheck implements Purge {
  static final String ACTOR = "domain-recheck";
  private static final Logger log = LoggerFactory.getLogger(DomainRecheck.class);
  // a tick's work is bounded; the next tick takes the rest
  private static final int BATCH = 500;

  private final DomainQueries domains;
  private final DnsCheck check;
  private final WorkPool dnsWork;
  private final EventPublisher publisher;
  private final Clock clock;
  private final Duration interval;
  private final Duration grace;

  DomainRecheck(
      DomainQueries domains,
      DnsCheck check,
      WorkPools work,
      EventPublisher publisher,
      Clock clock,
      ApiProperties properties) {
    this.domains = domains;
    this.check = check;
    this.dnsWork = work.dns();
    this.publisher = publisher;
    this.clock = clock;
    this.interval = properties.domainDns().recheckInterval();
    this.grace = properties.domainDns().recheckGrace();
  }

  @Override
  public String name() {
    return "domain re-check";
  }

  @Override
  public Mono<Long> purge() {
    return recheckAsOf(Instant.now(clock));
  }

  /**
   * Re-checks the domains due at {@code now} (last checked more than an interval before it); the
   * published results, one per domain whose lookups were answered.
   */
  public Mono<Long> recheckAsOf(Instant now) {
    return domains
        .dueForRecheck(now.minus(interval), BATCH)
        .concatMap(d -> recheck(d, now))
        .filter(published -> published)
        .count();
  }

  /** Looks one domain up as of {@code now}; true when its result was published. */
  public Mono<Boolean> recheck(DomainRow domain, Instant now) {
    return Mono.defer(() -> dnsWork.run(domain.teamId(), () -> check.found(domain)))
        .map(found -> event(domain, found, now))
        .flatMap(event -> publisher.publish(event).thenReturn(true))
        .defaultIfEmpty(false)
        .onErrorResume(
            e -> {
              // unanswered or crowded out: the domain stays as it is until the next tick
              if (!(e instanceof DnsResolver.LookupFailed)) {
                log.debug("re-check of domain {} skipped: {}", domain.id(), e.toString());
              }
              return Mono.just(false);
            });
  }

  private DomainUpdated event(DomainRow domain, List<String> found, Instant now) {
    Envelope envelope =
        Envelopes.of(domain.teamId(), ActorKind.system, ACTOR, PublicIds.request(), clock);
    long last = domain.checkedAt() == null ? 0 : domain.checkedAt().toEpochMilli();
    String identity = "DomainRechecked:" + domain.id() + ":" + last;
    envelope.setEventId(UUID.nameUUIDFromBytes(identity.getBytes(StandardCharsets.UTF_8)));
    return DomainUpdated.newBuilder()
        .setEnvelope(envelope)
        .setDomainId(domain.id())
        .setStatus(Recheck.next(found, domain.missingSince(), now, grace))
        .setInboundEnabled(null)
        .setFoundRecords(found)
        .build();
  }
}
