package dev.poststack.launcher.spi;

/**
 * Where the running pieces of a stack answer, handed to every launcher extension so it needs no
 * configuration of its own.
 *
 * @param apiBaseUrl the API's base URL without a trailing slash, e.g. {@code http://127.0.0.1:8080}
 * @param kafkaBootstrapServers {@code host:port} of the broker
 * @param jdbcUrl the {@code poststack} database, e.g. {@code
 *     jdbc:postgresql://127.0.0.1:5432/poststack}
 * @param r2dbcUrl the same database for R2DBC
 * @param dbUser database user
 * @param dbPassword database password, empty when the server trusts the user
 * @param hostSealKey the host seal key (base64) where the launcher holds it ({@code dev}), so an
 *     operator-made domain gets a DKIM key its hosts can open; null elsewhere
 */
public record StackEndpoints(
    String apiBaseUrl,
    String kafkaBootstrapServers,
    String jdbcUrl,
    String r2dbcUrl,
    String dbUser,
    String dbPassword,
    String hostSealKey) {

  /** Without a host seal key: what operator commands against a running stack get. */
  public StackEndpoints(
      String apiBaseUrl,
      String kafkaBootstrapServers,
      String jdbcUrl,
      String r2dbcUrl,
      String dbUser,
      String dbPassword) {
    this(apiBaseUrl, kafkaBootstrapServers, jdbcUrl, r2dbcUrl, dbUser, dbPassword, null);
  }

  /** Never prints the host seal key. */
  @Override
  public String toString() {
    return "StackEndpoints[api="
        + apiBaseUrl
        + ", kafka="
        + kafkaBootstrapServers
        + ", db="
        + jdbcUrl
        + ", hostSealKey="
        + (hostSealKey == null ? "none" : "set")
        + "]";
  }
}
