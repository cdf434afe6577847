package dev.poststack.api.member;

import dev.poststack.api.auth.Caller;
import dev.poststack.api.http.JsonBody;
import dev.poststack.api.http.RequestBodies;
import dev.poststack.api.http.RequestIds;
import dev.poststack.api.http.Timestamps;
import dev.poststack.api.problem.ApiException;
import dev.poststack.controlplane.member.InvitationToken;
import dev.poststack.controlplane.member.MemberEmail;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * A team's dashboard members: {@code GET /members}, {@code POST /members} (an invitation whose
 * token is answered once; the invited person sets a password with it, {@code POST
 * /invitations/accept}) and {@code DELETE /members/:id} (disables and signs out everywhere).
 * Managing members needs a team-wide full_access caller: a member, or such a key.
 */
@RestController
class MemberController {
  private final MemberDirectory directory;
  private final RequestBodies bodies;

  MemberController(MemberDirectory directory, RequestBodies bodies) {
    this.directory = directory;
    this.bodies = bodies;
  }

  @GetMapping("/members")
  public Mono<Map<String, Object>> list(ServerWebExchange exchange) {
    Caller caller = Caller.of(exchange);
    caller.requireTeamWide();
    return directory.list(caller.teamId()).collectList().map(members -> Map.of("members", members));
  }

  @PostMapping("/members")
  public Mono<ResponseEntity<Map<String, Object>>> invite(ServerWebExchange exchange) {
    Caller caller = Caller.of(exchange);
    caller.requireTeamWide();
    return bodies
        .read(exchange)
        .map(JsonBody::parse)
        .flatMap(
            body -> {
              body.allowOnly(Set.of("email"));
              String raw = body.string("email", true);
              body.validate();
              String problem = MemberEmail.problem(raw);
              if (problem != null) {
                return Mono.error(ApiException.validation("email", problem));
              }
              String email = new MemberEmail(raw).value();
              InvitationToken token = InvitationToken.generate();
              return directory
                  .invite(caller, RequestIds.of(exchange), email, token)
                  .switchIfEmpty(
                      Mono.error(
                          new ApiException(
                              HttpStatus.CONFLICT,
                              "member_exists",
                              "this address already belongs to a member")))
                  .map(
                      made -> {
                        Map<String, Object> member = new LinkedHashMap<>();
                        member.put("id", made.get("memberId"));
                        member.put("email", email);
                        member.put("invited", true);
                        Map<String, Object> invitation = new LinkedHashMap<>();
                        invitation.put("token", token.plaintext());
                        invitation.put(
                            "expiresAt", Timestamps.format((Instant) made.get("expiresAt")));
                        return ResponseEntity.status(HttpStatus.CREATED)
                            .header("Cache-Control", "no-store")
                            .body(Map.of("member", member, "invitation", invitation));
                      });
            });
  }

  @DeleteMapping("/members/{id}")
  public Mono<Map<String, Object>> disable(@PathVariable String id, ServerWebExchange exchange) {
    Caller caller = Caller.of(exchange);
    caller.requireTeamWide();
    if (!id.matches("[1-9][0-9]{0,17}")) {
      return Mono.error(notFound());
    }
    long memberId = Long.parseLong(id);
    if (caller.isMember() && caller.principalId() == memberId) {
      return Mono.error(
          new ApiException(
              HttpStatus.CONFLICT,
              "cannot_remove_yourself",
              "a member cannot remove themselves; another member can"));
    }
    return directory
        .disable(caller, RequestIds.of(exchange), memberId)
        .flatMap(
            done ->
                done ? Mono.just(Map.<String, Object>of("success", true)) : Mono.error(notFound()));
  }

  private static ApiException notFound() {
    return new ApiException(HttpStatus.NOT_FOUND, "member_not_found", "member not found");
  }
}
