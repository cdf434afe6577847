package dev.poststack.launcher.postgres;

/** The database found or started; closing stops an embedded server and leaves a local one alone. */
public record RunningPostgres(PostgresEndpoint endpoint, AutoCloseable server)
    implements AutoCloseable {

  @Override
  public void close() throws Exception {
    server.close();
  }
}
