package dev.poststack.controlplane.limit;

/**
 * The statements on {@code team_limit}, an operator's per-team overrides: the API reads them on
 * every create it checks, the operator tools write them. Named parameters ({@code :team :name
 * :max}), as everywhere in control-plane.
 */
public final class TeamLimitRows {
  private TeamLimitRows() {}

  /** Rows {@code name, max_count}: the team's overrides. */
  public static final String SELECT =
      "select name, max_count from team_limit where team_id = :team order by name";

  public static final String UPSERT =
      "insert into team_limit (team_id, name, max_count) values (:team, :name, :max)"
          + " on conflict (team_id, name) do update set max_count = excluded.max_count,"
          + " set_at = now()";

  /** Back to the default. */
  public static final String DELETE =
      "delete from team_limit where team_id = :team and name = :name";
}
