package dev.poststack.api.member;

import dev.poststack.api.auth.Caller;
import dev.poststack.api.platform.ApiProperties;
import dev.poststack.controlplane.member.SessionToken;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * The API's {@code team_member} and {@code member_session} rows (migration api V11). A session is
 * found by its token's SHA-256, like a key: every request asks the database, so signing out (here
 * or everywhere) ends the session at once on every instance.
 */
@Component
public class MemberSessions {
  private static final long TOUCH_INTERVAL_NANOS = 60_000_000_000L;

  /** A member as sign-in needs it: the hash is compared and never leaves this package. */
  record MemberRow(long id, long teamId, String email, String passwordHash, boolean disabled) {}

  /** A session just opened: the token is shown once. */
  record Opened(SessionToken token, Instant expiresAt) {}

  private final DatabaseClient db;
  private final ApiProperties.Members settings;
  private final Map<Long, Long> touchedAt = new ConcurrentHashMap<>();

  MemberSessions(DatabaseClient db, ApiProperties properties) {
    this.db = db;
    this.settings = properties.members();
  }

  Mono<MemberRow> findMember(String email) {
    return db.sql(
            "select id, team_id, email, password_hash, disabled_at is not null as disabled"
                + " from team_member where email = :e")
        .bind("e", email)
        .map(
            row ->
                new MemberRow(
                    row.get("id", Long.class),
                    row.get("team_id", Long.class),
                    row.get("email", String.class),
                    row.get("password_hash", String.class),
                    Boolean.TRUE.equals(row.get("disabled", Boolean.class))))
        .one();
  }

  Mono<Opened> open(MemberRow member, String sourceIp, String userAgent) {
    SessionToken token = SessionToken.generate();
    DatabaseClient.GenericExecuteSpec insert =
        db.sql(
                "insert into member_session (member_id, token_hash, expires_at, source_ip,"
                    + " user_agent) values (:m, :h, now() + make_interval(secs => :life), :ip, :ua)"
                    + " returning expires_at")
            .bind("m", member.id())
            .bind("h", token.hash())
            .bind("life", (double) settings.sessionLifetime().toSeconds());
    insert = sourceIp == null ? insert.bindNull("ip", String.class) : insert.bind("ip", sourceIp);
    insert = userAgent == null ? insert.bindNull("ua", String.class) : insert.bind("ua", userAgent);
    return insert.map(row -> new Opened(token, row.get("expires_at", Instant.class))).one();
  }

  /** The member's caller for a live session's token hash; empty when none is live. */
  public Mono<Caller> findActive(String tokenHash) {
    return db.sql(
            "select s.id, m.id as member_id, m.team_id from member_session s"
                + " join team_member m on m.id = s.member_id"
                + " where s.token_hash = :h and s.revoked_at is null and s.expires_at > now()"
                + " and s.last_seen_at > now() - make_interval(secs => :idle)"
                + " and m.disabled_at is null")
        .bind("h", tokenHash)
        .bind("idle", (double) settings.sessionIdle().toSeconds())
        .map(
            row -> {
              touch(row.get("id", Long.class));
              return Caller.member(
                  row.get("team_id", Long.class), row.get("member_id", Long.class));
            })
        .one();
  }

  /** Keeps a used session from going idle: at most one write a minute per session. */
  private void touch(long sessionId) {
    long now = System.nanoTime();
    Long last = touchedAt.get(sessionId);
    if (last != null && now - last < TOUCH_INTERVAL_NANOS) {
      return;
    }
    touchedAt.put(sessionId, now);
    if (touchedAt.size() > 100_000) {
      touchedAt.clear();
    }
    db.sql("update member_session set last_seen_at = now() where id = :id")
        .bind("id", sessionId)
        .fetch()
        .rowsUpdated()
        .subscribe(n -> {}, e -> touchedAt.remove(sessionId, now));
  }

  Mono<Long> revoke(long memberId, String tokenHash) {
    return db.sql(
            "update member_session set revoked_at = now() where member_id = :m and token_hash = :h"
                + " and revoked_at is null")
        .bind("m", memberId)
        .bind("h", tokenHash)
        .fetch()
        .rowsUpdated();
  }

  Mono<Long> revokeAll(long memberId) {
    return db.sql(
            "update member_session set revoked_at = now() where member_id = :m and revoked_at is"
                + " null")
        .bind("m", memberId)
        .fetch()
        .rowsUpdated();
  }

  Mono<MemberView> view(long teamId, long memberId) {
    return db.sql(
            "select m.id, m.email, m.team_id, t.name as team_name, m.created_at from team_member m"
                + " join team t on t.id = m.team_id where m.id = :m and m.team_id = :t")
        .bind("m", memberId)
        .bind("t", teamId)
        .map(
            row ->
                MemberView.of(
                    row.get("id", Long.class),
                    row.get("email", String.class),
                    row.get("team_id", Long.class),
                    row.get("team_name", String.class),
                    row.get("created_at", Instant.class)))
        .one();
  }
}
