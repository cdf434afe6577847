package dev.poststack.api.member;

import dev.poststack.api.auth.BearerToken;
import dev.poststack.api.auth.Caller;
import dev.poststack.api.http.JsonBody;
import dev.poststack.api.http.RequestBodies;
import dev.poststack.api.http.RequestIds;
import dev.poststack.api.http.Timestamps;
import dev.poststack.api.platform.ApiProperties;
import dev.poststack.api.problem.ApiException;
import dev.poststack.controlplane.member.InvitationToken;
import dev.poststack.controlplane.member.MemberEmail;
import dev.poststack.controlplane.member.MemberPasswords;
import dev.poststack.controlplane.member.SessionToken;
import dev.poststack.schemas.RequestOrigin;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * Members' sessions, what the dashboard signs in with ({@code POST /sessions} → a {@code ses_}
 * token sent as {@code Authorization: Bearer} like a key), signs out with ({@code DELETE
 * /sessions/current}) and signs out everywhere with ({@code DELETE /sessions}). A wrong address and
 * a wrong password get the same answer in the same time.
 */
@RestController
class SessionController {
  private static final String WRONG = "wrong email or password";

  private final MemberSessions sessions;
  private final MemberDirectory directory;
  private final RequestBodies bodies;
  private final SignInFailures failures;
  // Argon2id takes ~40 ms of one core and 19 MiB: a bounded pool of its own, so sign-ins never
  // hold an event loop and a flood of them queues (then 503s) instead of taking every core
  private final Scheduler hashing =
      Schedulers.newBoundedElastic(
          Math.max(1, Runtime.getRuntime().availableProcessors() / 2), 64, "sign-in", 60, true);

  SessionController(
      MemberSessions sessions,
      MemberDirectory directory,
      RequestBodies bodies,
      ApiProperties properties) {
    this.sessions = sessions;
    this.directory = directory;
    this.bodies = bodies;
    ApiProperties.Members members = properties.members();
    this.failures = new SignInFailures(members.signInFailures(), members.signInWindow(), 100_000);
  }

  @PostMapping("/sessions")
  public Mono<ResponseEntity<Map<String, Object>>> signIn(ServerWebExchange exchange) {
    return bodies
        .read(exchange)
        .map(JsonBody::parse)
        .flatMap(
            body -> {
              body.allowOnly(Set.of("email", "password"));
              String rawEmail = body.string("email", true);
              String password = body.string("password", true);
              body.validate();
              String problem = MemberEmail.problem(rawEmail);
              if (problem != null) {
                return Mono.error(ApiException.validation("email", problem));
              }
              String email = new MemberEmail(rawEmail).value();
              long wait = failures.retryAfterSeconds(email, System.nanoTime());
              if (wait > 0) {
                return Mono.error(
                    ApiException.rateLimited("failed sign-ins for this address", wait));
              }
              return sessions
                  .findMember(email)
                  .map(Optional::of)
                  .defaultIfEmpty(Optional.empty())
                  .publishOn(hashing)
                  .onErrorMap(SessionController::busy)
                  .map(
                      found -> {
                        String hash =
                            found.map(MemberSessions.MemberRow::passwordHash).orElse(null);
                        boolean ok = MemberPasswords.matches(password, hash);
                        return ok && !found.get().disabled()
                            ? found
                            : Optional.<MemberSessions.MemberRow>empty();
                      })
                  .flatMap(
                      member -> {
                        if (member.isEmpty()) {
                          failures.failed(email, System.nanoTime());
                          return Mono.error(
                              new ApiException(
                                  HttpStatus.UNAUTHORIZED, "invalid_credentials", WRONG));
                        }
                        failures.succeeded(email);
                        RequestOrigin origin = RequestIds.of(exchange).origin();
                        MemberSessions.MemberRow row = member.get();
                        return sessions
                            .open(row, origin.sourceIp(), origin.userAgent())
                            .map(opened -> created(row, opened));
                      });
            });
  }

  /**
   * The invited person sets a password with the invitation's token and is signed in: the answer is
   * a session, as {@code POST /sessions} answers. A token that is unknown, used or expired: 404.
   */
  @PostMapping("/invitations/accept")
  public Mono<ResponseEntity<Map<String, Object>>> accept(ServerWebExchange exchange) {
    return bodies
        .read(exchange)
        .map(JsonBody::parse)
        .flatMap(
            body -> {
              body.allowOnly(Set.of("token", "password"));
              String token = body.string("token", true);
              String password = body.string("password", true);
              body.validate();
              String problem = MemberPasswords.problem(password);
              if (problem != null) {
                return Mono.error(ApiException.validation("password", problem));
              }
              if (!InvitationToken.looksLikeToken(token)) {
                return Mono.error(invitationNotFound());
              }
              RequestOrigin origin = RequestIds.of(exchange).origin();
              return Mono.fromCallable(() -> MemberPasswords.hash(password))
                  .subscribeOn(hashing)
                  .onErrorMap(SessionController::busy)
                  .flatMap(
                      hash ->
                          directory.accept(
                              new InvitationToken(token), hash, RequestIds.of(exchange)))
                  .switchIfEmpty(Mono.error(invitationNotFound()))
                  .flatMap(
                      row ->
                          sessions
                              .open(row, origin.sourceIp(), origin.userAgent())
                              .map(opened -> created(row, opened)));
            });
  }

  /** The hashing pool's queue is full: a flood of sign-ins waits its turn instead of piling up. */
  private static Throwable busy(Throwable e) {
    return e instanceof java.util.concurrent.RejectedExecutionException
        ? ApiException.unavailable("sign_in_busy", "too many sign-ins at once; retry shortly", 1)
        : e;
  }

  private static ApiException invitationNotFound() {
    return new ApiException(
        HttpStatus.NOT_FOUND,
        "invitation_not_found",
        "this invitation is not valid: it was used, it expired, or it never existed");
  }

  private static ResponseEntity<Map<String, Object>> created(
      MemberSessions.MemberRow row, MemberSessions.Opened opened) {
    Map<String, Object> member = new LinkedHashMap<>();
    member.put("id", row.id());
    member.put("email", row.email());
    member.put("teamId", row.teamId());
    Map<String, Object> session = new LinkedHashMap<>();
    session.put("token", opened.token().plaintext());
    session.put("expiresAt", Timestamps.format(opened.expiresAt()));
    session.put("member", member);
    return ResponseEntity.status(HttpStatus.CREATED)
        .header("Cache-Control", "no-store")
        .body(Map.of("session", session));
  }

  /** The signed-in member (a key's caller has no member: 403). */
  @GetMapping("/members/me")
  public Mono<Map<String, Object>> me(ServerWebExchange exchange) {
    Caller caller = member(exchange);
    return sessions
        .view(caller.teamId(), caller.principalId())
        .switchIfEmpty(Mono.error(ApiException.unauthorized("session ended")))
        .map(view -> Map.of("member", view));
  }

  @DeleteMapping("/sessions/current")
  public Mono<Map<String, Object>> signOut(ServerWebExchange exchange) {
    Caller caller = member(exchange);
    String hash = new SessionToken(BearerToken.of(exchange)).hash();
    return sessions
        .revoke(caller.principalId(), hash)
        .map(n -> Map.<String, Object>of("success", true));
  }

  /** Signs the member out on every browser, this one included. */
  @DeleteMapping("/sessions")
  public Mono<Map<String, Object>> signOutEverywhere(ServerWebExchange exchange) {
    Caller caller = member(exchange);
    return sessions
        .revokeAll(caller.principalId())
        .map(n -> Map.<String, Object>of("success", true, "ended", n));
  }

  private static Caller member(ServerWebExchange exchange) {
    Caller caller = Caller.of(exchange);
    if (!caller.isMember()) {
      throw ApiException.forbidden("sessions belong to members signed in to the dashboard");
    }
    return caller;
  }
}
