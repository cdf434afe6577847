package dev.poststack.launcher.spi;

import java.time.Instant;
import java.util.List;

/**
 * Operator actions behind {@code poststack admin user create|list|disable}: the dashboard's
 * members, people who sign in with an email address and a password. Implemented by module admin;
 * found with {@link java.util.ServiceLoader} (file {@code
 * META-INF/services/dev.poststack.launcher.spi.MemberAccounts}, public no-argument constructor).
 */
public interface MemberAccounts {

  /**
   * Adds a member to a team; nothing is written when anything is refused.
   *
   * @param team the team's numeric id or its name
   * @param passwordOrNull the member's password; null asks for a random one, returned once
   * @throws IllegalArgumentException for a bad address or password or an address that is already a
   *     member's; its message is shown to the operator as is
   * @throws java.util.NoSuchElementException when no team has that id or name
   */
  CreatedMember create(StackEndpoints stack, String team, String email, String passwordOrNull)
      throws Exception;

  /**
   * A team's members, disabled ones included, oldest first.
   *
   * @throws java.util.NoSuchElementException when no team has that id or name
   */
  TeamMembers list(StackEndpoints stack, String team) throws Exception;

  /**
   * Stops a member from signing in and ends their sessions.
   *
   * @throws IllegalArgumentException when {@code email} is not an address
   * @throws java.util.NoSuchElementException when no member has that address
   */
  DisabledMember disable(StackEndpoints stack, String email) throws Exception;

  /**
   * A new member; {@code generatedPassword} is the random password made for them (shown once, only
   * its hash is stored), null when the operator gave one.
   */
  record CreatedMember(
      long id, long teamId, String teamName, String email, String generatedPassword) {
    @Override
    public String toString() {
      return "CreatedMember[" + id + ", " + email + "]";
    }
  }

  /** One member; {@code disabledAt} is null for an active one. */
  record Member(long id, String email, Instant createdAt, Instant disabledAt) {}

  /** A team and its members. */
  record TeamMembers(long teamId, String teamName, List<Member> members) {}

  /**
   * A disabled member: since when, whether it already was, and how many of its sessions just ended.
   */
  record DisabledMember(
      long id, String email, Instant disabledAt, boolean alreadyDisabled, int sessionsRevoked) {}
}
