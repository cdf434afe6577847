package dev.poststack.admin;

import dev.poststack.controlplane.ApiSchema;
import java.sql.Connection;
import java.sql.SQLException;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The control plane's database as an operator command uses it: a short-lived connection per
 * statement (a CLI needs no pool), named parameters like the API's, and a transaction on demand.
 */
public final class AdminDatabase {
  private final String jdbcUrl;
  private final String user;
  private final String password;
  private final SimpleDriverDataSource dataSource;

  public AdminDatabase(String jdbcUrl, String user, String password) {
    this.jdbcUrl = jdbcUrl;
    this.user = user;
    this.password = password == null ? "" : password;
    this.dataSource =
        new SimpleDriverDataSource(new org.postgresql.Driver(), jdbcUrl, user, this.password);
  }

  public NamedParameterJdbcTemplate jdbc() {
    return new NamedParameterJdbcTemplate(dataSource);
  }

  /** A connection of its own, e.g. to LISTEN; the caller closes it. */
  public Connection connection() throws SQLException {
    return dataSource.getConnection();
  }

  public TransactionTemplate transactions() {
    return new TransactionTemplate(new DataSourceTransactionManager(dataSource));
  }

  /**
   * Creates or updates the API's own tables (idempotent, safe beside a running API): a command may
   * run before the API ever started on this database, as {@code dev}'s bootstrap does.
   */
  public AdminDatabase withApiSchema() {
    ApiSchema.migrate(jdbcUrl, user, password);
    return this;
  }
}
