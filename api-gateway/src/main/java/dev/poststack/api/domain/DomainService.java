package dev.poststack.api.domain;

import dev.poststack.api.auth.Caller;
import dev.poststack.api.dkim.DkimKeyGenerator;
import dev.poststack.api.dkim.PublishedKey;
import dev.poststack.api.dns.DnsResolver;
import dev.poststack.api.http.ApiResponse;
import dev.poststack.api.http.IdRef;
import dev.poststack.api.limit.TeamQuotas;
import dev.poststack.api.limit.TeamStanding;
import dev.poststack.api.outcome.Submissions;
import dev.poststack.api.platform.ApiProperties;
import dev.poststack.api.problem.ApiException;
import dev.poststack.api.work.WorkPool;
import dev.poststack.api.work.WorkPools;
import dev.poststack.controlplane.PublicIds;
import dev.poststack.controlplane.limit.TeamLimit;
import dev.poststack.schemas.Envelopes;
import dev.poststack.schemas.RequestId;
import dev.poststack.schemas.event.DomainCreated;
import dev.poststack.schemas.event.DomainDeleted;
import dev.poststack.schemas.event.DomainStatus;
import dev.poststack.schemas.event.DomainUpdated;
import dev.poststack.schemas.event.Envelope;
import dev.poststack.values.address.DomainName;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/** Domain writes: checks, the event, the outcome, the answer. */
@Component
public class DomainService {
  private final DomainQueries domains;
  private final TeamQuotas quotas;
  private final Submissions submissions;
  private final DnsResolver dns;
  private final WorkPool dnsWork;
  private final Clock clock;
  private final String mailHostname;
  private final DkimKeyGenerator dkimKeys;
  private final WorkPool keyWork;

  public DomainService(
      DomainQueries domains,
      TeamQuotas quotas,
      Submissions submissions,
      DnsResolver dns,
      WorkPools work,
      Clock clock,
      ApiProperties properties,
      DkimKeyGenerator dkimKeys) {
    this.domains = domains;
    this.quotas = quotas;
    this.submissions = submissions;
    this.dns = dns;
    this.dnsWork = work.dns();
    this.clock = clock;
    this.mailHostname = properties.mailHostname();
    this.dkimKeys = dkimKeys;
    this.keyWork = work.hashing();
  }

  public DomainView view(DomainRow row) {
    return DomainView.of(row, mailHostname);
  }

  /** The caller's domain, or 404; a key scoped elsewhere gets 403. */
  public Mono<DomainRow> require(Caller caller, IdRef ref) {
    return domains
        .find(caller.teamId(), ref)
        .switchIfEmpty(
            Mono.error(
                new ApiException(HttpStatus.NOT_FOUND, "domain_not_found", "domain not found")))
        .doOnNext(d -> caller.requireDomain(d.id()));
  }

  /** Mailboxes and aliases live only on a verified domain that accepts inbound mail. */
  public Mono<DomainRow> requireUsableForAddresses(Caller caller, IdRef ref) {
    return require(caller, ref)
        .doOnNext(
            d -> {
              if (!d.verified()) {
                throw new ApiException(
                    HttpStatus.UNPROCESSABLE_CONTENT,
                    "domain_not_verified",
                    "domain " + d.name() + " is not verified");
              }
              if (!d.inboundEnabled()) {
                throw new ApiException(
                    HttpStatus.UNPROCESSABLE_CONTENT,
                    "domain_inbound_disabled",
                    "domain " + d.name() + " does not have inbound enabled");
              }
            });
  }

  public Mono<ApiResponse> create(Caller caller, DomainName name, RequestId requestId) {
    caller.requireTeamWide();
    return domains
        .nameTaken(caller.teamId(), name.value())
        .flatMap(
            taken ->
                taken
                    // the same answer whoever holds it: never a hint of another team's domains
                    ? Mono.error(
                        new ApiException(
                            HttpStatus.CONFLICT,
                            "domain_name_taken",
                            "domain " + name + " is already registered"))
                    : quotas.of(caller.teamId()))
        .zipWhen(standing -> domains.nextId())
        // an RSA-2048 key pair costs tens of milliseconds of CPU: made on the hashing pool
        .zipWhen(t -> keyWork.run(caller.teamId(), () -> dkimKeys.firstKeys(name)))
        .flatMap(
            tk -> {
              var t = tk.getT1();
              TeamStanding standing = t.getT1();
              long id = t.getT2();
              DomainCreated event =
                  DomainCreated.newBuilder()
                      .setEnvelope(envelope(caller, requestId))
                      .setDomainId(id)
                      .setPublicId(PublicIds.domain())
                      .setName(name.value())
                      .setInboundEnabled(false)
                      .setDomainLimit(standing.require(TeamLimit.DOMAINS))
                      .setPendingDomainLimit(standing.require(TeamLimit.PENDING_DOMAINS))
                      .setDkimKeys(tk.getT2())
                      .build();
              DomainRow pending =
                  new DomainRow(
                      id,
                      event.getPublicId(),
                      caller.teamId(),
                      name.value(),
                      "pending",
                      false,
                      null,
                      event.getEnvelope().getOccurredAt(),
                      event.getDkimKeys().stream()
                          .map(
                              k ->
                                  new PublishedKey(
                                      k.getSelector(),
                                      k.getAlgorithm(),
                                      k.getPublicKey(),
                                      "active"))
                          .toList());
              return submissions.answer(
                  event,
                  () -> readBack(caller, id).map(d -> ApiResponse.created(Map.of("domain", d))),
                  op -> body("domain", view(pending), op));
            });
  }

  public Mono<ApiResponse> verify(Caller caller, IdRef ref, RequestId requestId) {
    caller.requireWrite();
    return require(caller, ref)
        .flatMap(
            domain ->
                dnsWork
                    .run(caller.teamId(), () -> pointsHere(domain.name()))
                    .onErrorMap(DnsResolver.LookupFailed.class, e -> lookupFailed(domain.name()))
                    .flatMap(
                        ok -> {
                          DomainStatus status = ok ? DomainStatus.verified : DomainStatus.failed;
                          DomainUpdated event =
                              DomainUpdated.newBuilder()
                                  .setEnvelope(envelope(caller, requestId))
                                  .setDomainId(domain.id())
                                  .setStatus(status)
                                  .setInboundEnabled(null)
                                  .build();
                          return submissions.answer(
                              event,
                              () ->
                                  readBack(caller, domain.id()).map(d -> ApiResponse.ok(queued(d))),
                              op -> body("queued", true, "domain", view(domain), op));
                        }));
  }

  public Mono<ApiResponse> setInbound(
      Caller caller, IdRef ref, boolean inboundEnabled, RequestId requestId) {
    caller.requireWrite();
    return require(caller, ref)
        .flatMap(
            domain -> {
              DomainUpdated event =
                  DomainUpdated.newBuilder()
                      .setEnvelope(envelope(caller, requestId))
                      .setDomainId(domain.id())
                      .setStatus(null)
                      .setInboundEnabled(inboundEnabled)
                      .build();
              DomainRow patched = domain.withInbound(inboundEnabled);
              return submissions.answer(
                  event,
                  () -> readBack(caller, domain.id()).map(d -> ApiResponse.ok(Map.of("domain", d))),
                  op -> body("domain", view(patched), op));
            });
  }

  public Mono<ApiResponse> delete(Caller caller, IdRef ref, RequestId requestId) {
    caller.requireTeamWide();
    return require(caller, ref)
        .flatMap(
            domain ->
                domains
                    .inUse(domain.id())
                    .flatMap(
                        used -> {
                          if (used) {
                            return Mono.error(
                                new ApiException(
                                    HttpStatus.CONFLICT,
                                    "domain_in_use",
                                    "domain "
                                        + domain.name()
                                        + " still has mailboxes or aliases; delete them first"));
                          }
                          DomainDeleted event =
                              DomainDeleted.newBuilder()
                                  .setEnvelope(envelope(caller, requestId))
                                  .setDomainId(domain.id())
                                  .build();
                          return submissions.answer(
                              event,
                              () -> Mono.just(ApiResponse.ok(Map.of("success", true))),
                              op -> body("operation", op));
                        }));
  }

  /** No answer is not "no MX": the domain stays as it was and the caller may try again. */
  private static ApiException lookupFailed(String name) {
    return new ApiException(
        HttpStatus.GATEWAY_TIMEOUT,
        "dns_lookup_failed",
        "the name servers of " + name + " did not answer the MX lookup; retry later");
  }

  private boolean pointsHere(String name) {
    return dns.mx(name).stream().anyMatch(host -> host.equalsIgnoreCase(mailHostname));
  }

  private Mono<DomainView> readBack(Caller caller, long id) {
    return domains
        .find(caller.teamId(), IdRef.of(id))
        .map(this::view)
        .switchIfEmpty(Mono.error(ApiException.notFound("domain")));
  }

  private static Map<String, Object> queued(DomainView d) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("queued", true);
    out.put("domain", d);
    return out;
  }

  static Map<String, Object> body(Object... pairs) {
    Map<String, Object> out = new LinkedHashMap<>();
    for (int i = 0; i + 1 < pairs.length; i += 2) {
      out.put((String) pairs[i], pairs[i + 1]);
    }
    if (pairs.length % 2 == 1) {
      out.put("operation", pairs[pairs.length - 1]);
    }
    return out;
  }

  private Envelope envelope(Caller caller, RequestId requestId) {
    return Envelopes.byApiKey(caller.teamId(), caller.actorId(), requestId, clock);
  }
}
