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
 */
public record StackEndpoints(
    String apiBaseUrl,
    String kafkaBootstrapServers,
    String jdbcUrl,
    String r2dbcUrl,
    String dbUser,
    String dbPassword) {}
