package dev.poststack.controlplane.member;

/**
 * The one insert of a member row, used by {@code bin/poststack admin user create} and by the API's
 * invitations, so both write the same columns (the API owns the table, ADR 0005).
 */
public final class MemberRows {
  private MemberRows() {}

  /** Named parameters: team, email, hash, invitedBy (nullable). Answers the new row's id. */
  public static final String INSERT =
      """
      insert into team_member (team_id, email, password_hash, invited_by)
      values (:team, :email, :hash, :invitedBy)
      returning id\
      """;
}
