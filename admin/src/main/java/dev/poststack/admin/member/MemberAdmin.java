package dev.poststack.admin.member;

import dev.poststack.admin.AdminDatabase;
import dev.poststack.admin.team.TeamRef;
import dev.poststack.controlplane.PublicIds;
import dev.poststack.controlplane.member.MemberEmail;
import dev.poststack.controlplane.member.MemberPasswords;
import dev.poststack.controlplane.member.MemberRows;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/**
 * Dashboard members without HTTP ({@code admin user create|list|disable} and {@code dev}'s member).
 * {@code team_member} is the API's own table (ADR 0005), written like keys: directly, with the
 * API's own insert ({@link MemberRows#INSERT}), journaled by the table's trigger. Only the
 * password's Argon2id hash is stored; a generated password is returned once.
 */
public final class MemberAdmin {
  /** 20 base62 characters: about 119 bits, far beyond guessing even against a stolen hash. */
  static final int GENERATED_LENGTH = 20;

  private final AdminDatabase db;

  /** Needs the API's tables: see {@link AdminDatabase#withApiSchema()}. */
  public MemberAdmin(AdminDatabase db) {
    this.db = db;
  }

  /**
   * A new member.
   *
   * @param generatedPassword the password made for the member when none was given, else null; shown
   *     once, never stored
   */
  public record CreatedMember(
      long id, long teamId, String teamName, String email, String generatedPassword) {
    @Override
    public String toString() {
      return "CreatedMember[" + id + ", " + email + "]";
    }
  }

  /** A member as the operator's list shows it; {@code disabledAt} is null for an active one. */
  public record Member(long id, String email, Instant createdAt, Instant disabledAt) {}

  /** A team's members, oldest first. */
  public record TeamMembers(long teamId, String teamName, List<Member> members) {
    public TeamMembers {
      members = List.copyOf(members);
    }
  }

  /**
   * A member after {@link #disable}: {@code alreadyDisabled} when it was before (its original time
   * is kept), and how many live sessions were ended.
   */
  public record DisabledMember(
      long id, String email, Instant disabledAt, boolean alreadyDisabled, int sessionsRevoked) {}

  /**
   * Adds a member to a team. Everything is checked before anything is written: a bad address or
   * password, an unknown team or an address that is already a member's writes nothing.
   *
   * @param team the team's numeric id or its name
   * @param passwordOrNull the member's password; null makes a random one, returned once
   * @throws IllegalArgumentException for a bad address or password, or an address already taken
   * @throws NoSuchElementException when no team has that id or name
   */
  public CreatedMember create(String team, String email, String passwordOrNull) {
    MemberEmail address = new MemberEmail(email);
    String password = passwordOrNull == null ? generatePassword() : checked(passwordOrNull);
    String hash = MemberPasswords.hash(password);
    try {
      return db.transactions()
          .execute(
              tx -> {
                NamedParameterJdbcTemplate jdbc = db.jdbc();
                TeamRef found = TeamRef.find(jdbc, team);
                if (!jdbc.queryForList(
                        "select id from team_member where email = :email",
                        Map.of("email", address.value()),
                        Long.class)
                    .isEmpty()) {
                  throw alreadyAMember(address);
                }
                long id = insert(jdbc, found.id(), address, hash);
                return new CreatedMember(
                    id,
                    found.id(),
                    found.name(),
                    address.value(),
                    passwordOrNull == null ? password : null);
              });
    } catch (DuplicateKeyException raced) {
      // another writer added the address between the check and the insert
      throw alreadyAMember(address);
    }
  }

  /**
   * A team's members, disabled ones included, oldest first.
   *
   * @throws NoSuchElementException when no team has that id or name
   */
  public TeamMembers list(String team) {
    NamedParameterJdbcTemplate jdbc = db.jdbc();
    TeamRef found = TeamRef.find(jdbc, team);
    List<Member> members =
        jdbc.query(
            "select id, email, created_at, disabled_at from team_member where team_id = :team"
                + " order by id",
            Map.of("team", found.id()),
            (rs, i) ->
                new Member(
                    rs.getLong("id"),
                    rs.getString("email"),
                    instant(rs, "created_at"),
                    instant(rs, "disabled_at")));
    return new TeamMembers(found.id(), found.name(), members);
  }

  /**
   * Stops a member from signing in and ends every session they have, in one transaction: the API
   * checks both on every request, so a disabled member's open dashboard stops working at once.
   *
   * @throws IllegalArgumentException when {@code email} is not an address
   * @throws NoSuchElementException when no member has that address
   */
  public DisabledMember disable(String email) {
    MemberEmail address = new MemberEmail(email);
    return db.transactions()
        .execute(
            tx -> {
              NamedParameterJdbcTemplate jdbc = db.jdbc();
              List<Map<String, Object>> before =
                  jdbc.queryForList(
                      "select id, disabled_at from team_member where email = :email for update",
                      Map.of("email", address.value()));
              if (before.isEmpty()) {
                throw new NoSuchElementException("no member with the address " + address);
              }
              long id = ((Number) before.get(0).get("id")).longValue();
              boolean already = before.get(0).get("disabled_at") != null;
              Instant disabledAt =
                  jdbc.queryForObject(
                          "update team_member set disabled_at = coalesce(disabled_at, now())"
                              + " where id = :id returning disabled_at",
                          Map.of("id", id),
                          OffsetDateTime.class)
                      .toInstant();
              int revoked =
                  jdbc.update(
                      "update member_session set revoked_at = now() where member_id = :id"
                          + " and revoked_at is null",
                      Map.of("id", id));
              return new DisabledMember(id, address.value(), disabledAt, already, revoked);
            });
  }

  /**
   * {@code dev}'s member: makes sure {@code email} is an active member of the team with exactly
   * this password, so the password the dev summary prints always signs in. Hashes only when the
   * stored hash does not already match (Argon2id is deliberately slow). A changed password ends the
   * member's sessions, as any password change should.
   *
   * @param passwordOrNull the password to hold; null makes a random one
   * @return the password now valid for the member
   * @throws IllegalArgumentException for a bad address or password
   * @throws IllegalStateException when the address is a member of another team
   */
  public String ensureMember(long teamId, String email, String passwordOrNull) {
    MemberEmail address = new MemberEmail(email);
    String password = passwordOrNull == null ? generatePassword() : checked(passwordOrNull);
    db.transactions()
        .executeWithoutResult(
            tx -> {
              NamedParameterJdbcTemplate jdbc = db.jdbc();
              List<Map<String, Object>> rows =
                  jdbc.queryForList(
                      "select id, team_id, password_hash, disabled_at from team_member"
                          + " where email = :email for update",
                      Map.of("email", address.value()));
              if (rows.isEmpty()) {
                insert(jdbc, teamId, address, MemberPasswords.hash(password));
                return;
              }
              Map<String, Object> row = rows.get(0);
              long id = ((Number) row.get("id")).longValue();
              if (((Number) row.get("team_id")).longValue() != teamId) {
                throw new IllegalStateException(address + " is already a member of another team");
              }
              if (!MemberPasswords.matches(password, (String) row.get("password_hash"))) {
                jdbc.update(
                    "update team_member set password_hash = :hash, password_changed_at = now()"
                        + " where id = :id",
                    Map.of("hash", MemberPasswords.hash(password), "id", id));
                jdbc.update(
                    "update member_session set revoked_at = now() where member_id = :id"
                        + " and revoked_at is null",
                    Map.of("id", id));
              }
              if (row.get("disabled_at") != null) {
                // the printed sign-in must work: dev gives its own member back
                jdbc.update(
                    "update team_member set disabled_at = null where id = :id", Map.of("id", id));
              }
            });
    return password;
  }

  /** A random password that {@link MemberPasswords#problem} accepts. */
  static String generatePassword() {
    String password;
    do {
      // 5 different characters among 20 random ones: redrawn about once in 10^22
      password = PublicIds.base62(GENERATED_LENGTH);
    } while (MemberPasswords.problem(password) != null);
    return password;
  }

  private static String checked(String password) {
    String problem = MemberPasswords.problem(password);
    if (problem != null) {
      throw new IllegalArgumentException("password " + problem);
    }
    return password;
  }

  private static long insert(
      NamedParameterJdbcTemplate jdbc, long teamId, MemberEmail email, String hash) {
    Map<String, Object> row = new HashMap<>();
    row.put("team", teamId);
    row.put("email", email.value());
    row.put("hash", hash);
    row.put("invitedBy", null); // made by the operator, not invited by a member
    return jdbc.queryForObject(MemberRows.INSERT, row, Long.class);
  }

  private static IllegalArgumentException alreadyAMember(MemberEmail email) {
    return new IllegalArgumentException(email + " is already a member");
  }

  private static Instant instant(ResultSet rs, String column) throws SQLException {
    OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
    return t == null ? null : t.toInstant();
  }
}
