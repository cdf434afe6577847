package dev.poststack.api.domain;

import dev.poststack.api.auth.Caller;
import dev.poststack.api.dkim.DkimKeyGenerator;
import dev.poststack.api.dkim.PublishedKey;
import dev.poststack.api.dns.DnsResolver;
import dev.poststack.api.http.ApiResponse;
import dev.poststack.api.http.IdRef;
import dev.poststack.api.limit.TeamQuotas;
import dev.poststack.api.limit.TeamStanding;
import dev.poststack.api.outcome.AppliedAnswer;
import dev.poststack.api.outcome.Submissions;
import dev.poststack.api.problem.ApiException;
import dev.poststack.api.work.WorkPool;
import dev.poststack.api.work.WorkPools;
import dev.poststack.controlplane.PublicIds;
import dev.poststack.controlplane.VerificationTokens;
import dev.poststack.controlplane.limit.TeamLimit;
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
import java.util.Optional;
import org.apache.avro.specific.SpecificRecord;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/** Domain writes: checks, the event, the outcome, the answer. */
@Component
public class DomainService implements AppliedAnswer {
  private final DomainQueries domains;
  private final TeamQuotas quotas;
  private final Submissions submissions;
  private final DnsCheck check;
  private final DomainRecords records;
  private final WorkPool dnsWork;
  private final Clock clock;
  private final DkimKeyGenerator dkimKeys;
  private final WorkPool keyWork;

  public DomainService(
      DomainQueries domains,
      TeamQuotas quotas,
      Submissions submissions,
      DnsCheck check,
      DomainRecords records,
      WorkPools work,
      Clock clock,
      DkimKeyGenerator dkimKeys) {
    this.domains = domains;
    this.quotas = quotas;
    this.submissions = submissions;
    this.check = check;
    this.records = records;
    this.dnsWork = work.dns();
    this.clock = clock;
    this.dkimKeys = dkimKeys;
    this.keyWork = work.hashing();
  }

  public DomainView view(DomainRow row) {
    return DomainView.of(row, records.of(row));
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
              ApiException unusable = unusableForAddresses(d);
              if (unusable != null) {
                throw unusable;
              }
            });
  }

  /** Why the domain may not hold mailboxes or aliases (unverified, inbound off), or null. */
  public static ApiException unusableForAddresses(DomainRow d) {
    if (!d.verified()) {
      return new ApiException(
          HttpStatus.UNPROCESSABLE_CONTENT,
          "domain_not_verified",
          "domain " + d.name() + " is not verified");
    }
    if (!d.inboundEnabled()) {
      return new ApiException(
          HttpStatus.UNPROCESSABLE_CONTENT,
          "domain_inbound_disabled",
          "domain " + d.name() + " does not have inbound enabled");
    }
    return null;
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
              String token = VerificationTokens.next();
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
                      .setVerificationToken(token)
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
                      token,
                      null,
                      null,
                      null,
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

  /**
   * Looks the records up and publishes the result: verified when the MX and the token are both
   * found, else failed; {@code foundRecords} says which were. The answer keeps the SDK's {@code
   * {queued, domain}} and adds {@code missing}: the required records the check did not find.
   */
  public Mono<ApiResponse> verify(Caller caller, IdRef ref, RequestId requestId) {
    caller.requireWrite();
    return require(caller, ref)
        .flatMap(
            domain ->
                dnsWork
                    .run(caller.teamId(), () -> check.found(domain))
                    .onErrorMap(DnsResolver.LookupFailed.class, e -> lookupFailed(domain.name()))
                    .flatMap(
                        found -> {
                          DomainStatus status =
                              DnsCheck.allRequired(found)
                                  ? DomainStatus.verified
                                  : DomainStatus.failed;
                          DomainUpdated event =
                              DomainUpdated.newBuilder()
                                  .setEnvelope(envelope(caller, requestId))
                                  .setDomainId(domain.id())
                                  .setStatus(status)
                                  .setInboundEnabled(null)
                                  .setFoundRecords(found)
                                  .build();
                          return submissions.answer(
                              event,
                              () ->
                                  readBackRow(caller, domain.id())
                                      .map(d -> ApiResponse.ok(queued(d))),
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
        "the name servers of " + name + " did not answer the MX or TXT lookup; retry later");
  }

  private Mono<DomainView> readBack(Caller caller, long id) {
    return readBackRow(caller, id).map(this::view);
  }

  private Mono<DomainRow> readBackRow(Caller caller, long id) {
    return domains
        .find(caller.teamId(), IdRef.of(id))
        .switchIfEmpty(Mono.error(ApiException.notFound("domain")));
  }

  private Map<String, Object> queued(DomainRow d) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("queued", true);
    out.put("domain", view(d));
    out.put("missing", records.missingRequired(d));
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
    return caller.envelope(requestId, clock);
  }

  @Override
  public Optional<Mono<ApiResponse>> of(Caller caller, SpecificRecord event, String path) {
    if (event instanceof DomainCreated created) {
      return Optional.of(
          readBack(caller, created.getDomainId())
              .map(d -> ApiResponse.created(Map.of("domain", d))));
    }
    if (event instanceof DomainUpdated updated) {
      // verify and PATCH both publish DomainUpdated and answer differently
      boolean verify = path.endsWith("/verify");
      return Optional.of(
          readBackRow(caller, updated.getDomainId())
              .map(d -> ApiResponse.ok(verify ? queued(d) : Map.of("domain", view(d)))));
    }
    if (event instanceof DomainDeleted) {
      return Optional.of(Mono.just(ApiResponse.ok(Map.of("success", true))));
    }
    return Optional.empty();
  }
}
