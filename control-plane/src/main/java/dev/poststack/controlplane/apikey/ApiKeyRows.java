package dev.poststack.controlplane.apikey;

/**
 * The one way a key row is written, by the API (a team's new key) and by the operator tools (a
 * team's first key). Named parameters, run by R2DBC's {@code DatabaseClient} in the API and by
 * Spring's {@code NamedParameterJdbcTemplate} in the tools: {@code :team :name :hash :prefix :perm
 * :domain} (domain may be null: a key for all the team's domains).
 */
public final class ApiKeyRows {
  private ApiKeyRows() {}

  public static final String INSERT =
      "insert into api_key (team_id, name, key_hash, key_prefix, permission, domain_id)"
          + " values (:team, :name, :hash, :prefix, :perm, :domain)";
}
