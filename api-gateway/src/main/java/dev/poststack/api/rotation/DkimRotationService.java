package dev.poststack.api.rotation;

import dev.poststack.api.auth.Caller;
import dev.poststack.api.dkim.DkimKeyGenerator;
import dev.poststack.api.dns.DnsResolver;
import dev.poststack.api.domain.DomainRow;
import dev.poststack.api.domain.DomainService;
import dev.poststack.api.http.ApiResponse;
import dev.poststack.api.http.IdRef;
import dev.poststack.api.outcome.AppliedAnswer;
import dev.poststack.api.outcome.Submissions;
import dev.poststack.api.platform.ApiProperties;
import dev.poststack.api.problem.ApiException;
import dev.poststack.api.work.WorkPool;
import dev.poststack.api.work.WorkPools;
import dev.poststack.schemas.Events;
import dev.poststack.schemas.RequestId;
import dev.poststack.schemas.event.DkimRecordSeen;
import dev.poststack.schemas.event.DkimRotationActivated;
import dev.poststack.schemas.event.DkimRotationCancelled;
import dev.poststack.schemas.event.DkimRotationStarted;
import dev.poststack.schemas.event.Envelope;
import dev.poststack.values.address.DomainName;
import dev.poststack.values.dkim.DkimAlgorithm;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.apache.avro.specific.SpecificRecord;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * DKIM rotation as the SDK 0.14 drives it: start (a new RSA key, staged), activate (once DNS shows
 * the new record; after the propagation window unless forced), cancel (drop the staged key). Each
 * step is an event the provisioner applies; the answer is the rotation read back after it.
 */
@Component
class DkimRotationService implements AppliedAnswer {
  private final DomainService domains;
  private final RotationQueries keys;
  private final DkimKeyGenerator generator;
  private final Submissions submissions;
  private final DnsResolver dns;
  private final WorkPool dnsWork;
  private final WorkPool keyWork;
  private final Clock clock;
  private final Duration window;
  private final Duration retirement;

  DkimRotationService(
      DomainService domains,
      RotationQueries keys,
      DkimKeyGenerator generator,
      Submissions submissions,
      DnsResolver dns,
      WorkPools work,
      Clock clock,
      ApiProperties properties) {
    this.domains = domains;
    this.keys = keys;
    this.generator = generator;
    this.submissions = submissions;
    this.dns = dns;
    this.dnsWork = work.dns();
    this.keyWork = work.hashing();
    this.clock = clock;
    this.window = properties.dkim().propagationWindow();
    this.retirement = properties.dkim().retirement();
  }

  Mono<RotationView> current(Caller caller, IdRef ref) {
    return domains.require(caller, ref).flatMap(this::view);
  }

  Mono<ApiResponse> start(Caller caller, IdRef ref, RequestId requestId) {
    caller.requireWrite();
    return domains
        .require(caller, ref)
        .zipWhen(d -> keys.keys(d.id()).collectList())
        .flatMap(
            t -> {
              DomainRow domain = t.getT1();
              List<RotationKey> existing = t.getT2();
              DkimRotation.requireNoneStaged(existing);
              return keyWork
                  .run(
                      caller.teamId(),
                      () ->
                          generator.generate(
                              new DomainName(domain.name()),
                              DkimAlgorithm.RSA,
                              existing.stream()
                                  .map(RotationKey::selector)
                                  .collect(Collectors.toSet())))
                  .flatMap(
                      key ->
                          submit(
                              domain,
                              DkimRotationStarted.newBuilder()
                                  .setEnvelope(envelope(caller, requestId))
                                  .setDomainId(domain.id())
                                  .setKey(key)
                                  .build()));
            });
  }

  Mono<ApiResponse> activate(Caller caller, IdRef ref, boolean force, RequestId requestId) {
    caller.requireWrite();
    return domains
        .require(caller, ref)
        .zipWhen(d -> keys.keys(d.id()).collectList())
        .flatMap(
            t -> {
              DomainRow domain = t.getT1();
              RotationKey staged = DkimRotation.requireStaged(t.getT2());
              String name = staged.selector() + "._domainkey." + domain.name();
              return dnsWork
                  .run(caller.teamId(), () -> dns.txt(name))
                  .onErrorMap(DnsResolver.LookupFailed.class, e -> lookupFailed(name))
                  .flatMap(txt -> step(caller, requestId, domain, staged, txt, force));
            });
  }

  private Mono<ApiResponse> step(
      Caller caller,
      RequestId requestId,
      DomainRow domain,
      RotationKey staged,
      List<String> txt,
      boolean force) {
    Instant now = Instant.now(clock);
    DkimRotation.Step step = DkimRotation.activate(staged, txt, force, now, window, retirement);
    if (step instanceof DkimRotation.Step.Seen seen) {
      return submit(
          domain,
          DkimRecordSeen.newBuilder()
              .setEnvelope(envelope(caller, requestId))
              .setDomainId(domain.id())
              .setSelector(seen.selector())
              .setActivatesAfter(seen.activatesAfter())
              .build());
    }
    if (step instanceof DkimRotation.Step.Activate activate) {
      return submit(
          domain,
          DkimRotationActivated.newBuilder()
              .setEnvelope(envelope(caller, requestId))
              .setDomainId(domain.id())
              .setSelector(activate.selector())
              .setRetireAfter(activate.retireAfter())
              .build());
    }
    return view(domain).map(v -> ApiResponse.ok(Map.of("rotation", v)));
  }

  Mono<ApiResponse> cancel(Caller caller, IdRef ref, RequestId requestId) {
    caller.requireWrite();
    return domains
        .require(caller, ref)
        .zipWhen(d -> keys.keys(d.id()).collectList())
        .flatMap(
            t -> {
              DomainRow domain = t.getT1();
              RotationKey staged = DkimRotation.requireStaged(t.getT2());
              return submit(
                  domain,
                  DkimRotationCancelled.newBuilder()
                      .setEnvelope(envelope(caller, requestId))
                      .setDomainId(domain.id())
                      .setSelector(staged.selector())
                      .build());
            });
  }

  /** Applied: the rotation read back; late: 202 with the rotation as it was and the operation. */
  private Mono<ApiResponse> submit(DomainRow domain, SpecificRecord event) {
    return view(domain)
        .flatMap(
            before ->
                submissions.answer(
                    event,
                    () -> view(domain).map(v -> ApiResponse.ok(Map.of("rotation", v))),
                    op -> {
                      Map<String, Object> body = new LinkedHashMap<>();
                      body.put("rotation", before);
                      body.put("operation", op);
                      return body;
                    }));
  }

  private Mono<RotationView> view(DomainRow domain) {
    return keys.keys(domain.id())
        .collectList()
        .map(k -> DkimRotation.view(domain.id(), domain.name(), k));
  }

  /** No answer is not "no record": nothing changes and the caller may try again. */
  private static ApiException lookupFailed(String name) {
    return ApiException.unavailable(
        "dns_lookup_failed", "the name servers did not answer the TXT lookup of " + name, 30);
  }

  private Envelope envelope(Caller caller, RequestId requestId) {
    return caller.envelope(requestId, clock);
  }

  @Override
  public Optional<Mono<ApiResponse>> of(Caller caller, SpecificRecord event, String path) {
    if (!(event instanceof DkimRotationStarted
        || event instanceof DkimRecordSeen
        || event instanceof DkimRotationActivated
        || event instanceof DkimRotationCancelled)) {
      return Optional.empty();
    }
    return Optional.of(
        domains
            .require(caller, IdRef.of(Events.domainId(event)))
            .flatMap(this::view)
            .map(v -> ApiResponse.ok(Map.of("rotation", v))));
  }
}
