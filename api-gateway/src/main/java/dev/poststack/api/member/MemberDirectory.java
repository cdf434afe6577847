package dev.poststack.api.member;

import dev.poststack.api.account.AccountEvents;
import dev.poststack.api.auth.Caller;
import dev.poststack.controlplane.member.InvitationToken;
import dev.poststack.schemas.RequestId;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * A team's members and invitations (migration api V11, V12). An invitation creates the member's row
 * at once, without a password, and an invitation whose token is shown once; accepting it sets the
 * password, in one transaction that also uses the invitation up.
 */
@Component
class MemberDirectory {
  static final Duration INVITATION_LIFETIME = Duration.ofDays(7);

  private final DatabaseClient db;
  private final TransactionalOperator tx;
  private final AccountEvents events;

  MemberDirectory(DatabaseClient db, TransactionalOperator tx, AccountEvents events) {
    this.db = db;
    this.tx = tx;
    this.events = events;
  }

  /** A member of the team as its list shows it. */
  record Listed(
      long id,
      String email,
      String createdAt,
      boolean invited,
      String invitedBy,
      boolean disabled) {}

  Flux<Listed> list(long teamId) {
    return db.sql(
            "select m.id, m.email, m.created_at, m.password_hash is null as invited,"
                + " i.email as invited_by, m.disabled_at is not null as disabled"
                + " from team_member m left join team_member i on i.id = m.invited_by"
                + " where m.team_id = :t order by m.id limit 1000")
        .bind("t", teamId)
        .map(
            row ->
                new Listed(
                    row.get("id", Long.class),
                    row.get("email", String.class),
                    dev.poststack.api.http.Timestamps.format(row.get("created_at", Instant.class)),
                    Boolean.TRUE.equals(row.get("invited", Boolean.class)),
                    row.get("invited_by", String.class),
                    Boolean.TRUE.equals(row.get("disabled", Boolean.class))))
        .all();
  }

  /**
   * The member's id and the invitation's expiry; empty when the address belongs to an active member
   * or to another team. Inviting again someone of this team who never set a password, or who was
   * removed, issues a new invitation (earlier ones stop working) and leaves them without a password
   * until they accept it.
   */
  Mono<Map<String, Object>> invite(
      Caller caller, RequestId request, String email, InvitationToken token) {
    long teamId = caller.teamId();
    Long invitedBy = caller.isMember() ? caller.principalId() : null;
    DatabaseClient.GenericExecuteSpec member =
        db.sql(
                "insert into team_member (team_id, email, invited_by) values (:t, :e, :by)"
                    + " on conflict (email) do update set password_hash = null,"
                    + " disabled_at = null, invited_by = excluded.invited_by"
                    + " where team_member.team_id = excluded.team_id"
                    + " and (team_member.password_hash is null"
                    + " or team_member.disabled_at is not null)"
                    + " returning id")
            .bind("t", teamId)
            .bind("e", email);
    member = invitedBy == null ? member.bindNull("by", Long.class) : member.bind("by", invitedBy);
    return member
        .map(row -> row.get("id", Long.class))
        .one()
        .flatMap(
            id ->
                db.sql(
                        "update member_invitation set expires_at = least(expires_at, now())"
                            + " where member_id = :m and accepted_at is null")
                    .bind("m", id)
                    .fetch()
                    .rowsUpdated()
                    .thenReturn(id))
        .flatMap(
            id -> {
              DatabaseClient.GenericExecuteSpec invitation =
                  db.sql(
                          "insert into member_invitation (member_id, token_hash, invited_by,"
                              + " expires_at) values (:m, :h, :by, now() + make_interval(secs =>"
                              + " :life)) returning expires_at")
                      .bind("m", id)
                      .bind("h", token.hash())
                      .bind("life", (double) INVITATION_LIFETIME.toSeconds());
              invitation =
                  invitedBy == null
                      ? invitation.bindNull("by", Long.class)
                      : invitation.bind("by", invitedBy);
              return invitation
                  .map(
                      row ->
                          Map.<String, Object>of(
                              "memberId", id, "expiresAt", row.get("expires_at", Instant.class)))
                  .one()
                  .flatMap(
                      made ->
                          events
                              .record(
                                  caller,
                                  request,
                                  "MemberInvited",
                                  AccountEvents.change("member", null, email))
                              .thenReturn(made));
            })
        .as(tx::transactional);
  }

  /**
   * Uses an invitation up and sets the member's password: the member as sign-in knows it, or empty
   * when the token is unknown, used, expired, or the member was disabled.
   */
  Mono<MemberSessions.MemberRow> accept(
      InvitationToken token, String passwordHash, RequestId request) {
    return db.sql(
            "update member_invitation i set accepted_at = now() from team_member m"
                + " where i.token_hash = :h and i.accepted_at is null and i.expires_at > now()"
                + " and m.id = i.member_id and m.disabled_at is null returning m.id")
        .bind("h", token.hash())
        .map(row -> row.get("id", Long.class))
        .one()
        .flatMap(
            id ->
                db.sql(
                        "update team_member set password_hash = :p, password_changed_at = now()"
                            + " where id = :id returning id, team_id, email")
                    .bind("p", passwordHash)
                    .bind("id", id)
                    .map(
                        row ->
                            new MemberSessions.MemberRow(
                                row.get("id", Long.class),
                                row.get("team_id", Long.class),
                                row.get("email", String.class),
                                passwordHash,
                                false))
                    .one())
        .flatMap(
            row ->
                events
                    .record(
                        row.teamId(),
                        "member",
                        Long.toString(row.id()),
                        request,
                        "MemberJoined",
                        AccountEvents.change("member", "invited", row.email()))
                    .thenReturn(row))
        .as(tx::transactional);
  }

  /** Disables a member of the team and ends their sessions; false when no such member. */
  Mono<Boolean> disable(Caller caller, RequestId request, long memberId) {
    return db.sql(
            "update team_member set disabled_at = coalesce(disabled_at, now())"
                + " where id = :m and team_id = :t returning id, email")
        .bind("m", memberId)
        .bind("t", caller.teamId())
        .map(row -> row.get("email", String.class))
        .one()
        .flatMap(
            email ->
                db.sql(
                        "update member_session set revoked_at = now() where member_id = :m and"
                            + " revoked_at is null")
                    .bind("m", memberId)
                    .fetch()
                    .rowsUpdated()
                    .then(
                        events.record(
                            caller,
                            request,
                            "MemberRemoved",
                            AccountEvents.change("member", email, "removed")))
                    .thenReturn(true))
        .defaultIfEmpty(false)
        .as(tx::transactional);
  }
}
