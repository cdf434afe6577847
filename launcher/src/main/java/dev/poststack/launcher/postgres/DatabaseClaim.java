package dev.poststack.launcher.postgres;

import dev.poststack.launcher.cli.ExitCodes;
import dev.poststack.launcher.cli.OperatorException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Marks a database as one data directory's, in the database's own comment, so that a second data
 * directory (a fresh clone, a deleted {@code .poststack}, another {@code POSTSTACK_DATA_DIR}) is
 * refused instead of pairing its new, empty Kafka log with state that came from another log.
 *
 * @param dataDirId the data directory's id ({@code identity.properties})
 * @param dataDir where it is, for the message a second directory gets
 * @param adoptTables true for a directory that predates claims: it may take over an unclaimed
 *     database that already holds tables (its own, from before)
 */
public record DatabaseClaim(String dataDirId, Path dataDir, boolean adoptTables) {
  private static final Pattern CLAIM =
      Pattern.compile("poststack data directory ([0-9a-f]{12}) at (.*)");

  /** Claims the endpoint's database, or says in one line whose it is and what to do. */
  public void claim(PostgresEndpoint endpoint) {
    try (Connection c = Databases.app(endpoint, 5)) {
      Optional<String> comment = comment(c, endpoint.database());
      Matcher m = CLAIM.matcher(comment.orElse(""));
      if (m.matches() && m.group(1).equals(dataDirId)) {
        if (!m.group(2).equals(dataDir.toString())) {
          mark(c, endpoint.database()); // the directory moved: keep the note for people true
        }
        return;
      }
      if (m.matches()) {
        throw new OperatorException(
            "database "
                + endpoint.database()
                + " belongs to the PostStack data directory "
                + m.group(2)
                + ", not to "
                + dataDir
                + "; use that data directory, or give this one its own database"
                + " (unset POSTSTACK_PG_DATABASE, or set it to an unused name)",
            ExitCodes.USAGE,
            null);
      }
      if (!adoptTables && hasTables(c)) {
        throw new OperatorException(
            "database "
                + endpoint.database()
                + " already holds tables that no PostStack data directory claims; set"
                + " POSTSTACK_PG_DATABASE to an unused name, or drop that database",
            ExitCodes.USAGE,
            null);
      }
      mark(c, endpoint.database());
    } catch (SQLException e) {
      throw new OperatorException(
          "cannot check who owns database "
              + endpoint.database()
              + " at "
              + endpoint.describe()
              + ": "
              + e.getMessage(),
          e);
    }
  }

  private static Optional<String> comment(Connection c, String database) throws SQLException {
    try (PreparedStatement q =
        c.prepareStatement(
            "select shobj_description(oid, 'pg_database') from pg_database where datname = ?")) {
      q.setString(1, database);
      try (ResultSet rs = q.executeQuery()) {
        return rs.next() ? Optional.ofNullable(rs.getString(1)) : Optional.empty();
      }
    }
  }

  private static boolean hasTables(Connection c) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                "select exists (select 1 from pg_tables"
                    + " where schemaname not in ('pg_catalog', 'information_schema'))")) {
      rs.next();
      return rs.getBoolean(1);
    }
  }

  private void mark(Connection c, String database) throws SQLException {
    String text = "poststack data directory " + dataDirId + " at " + dataDir;
    try (Statement s = c.createStatement()) {
      // DDL takes no parameters; the name was checked as [a-z_][a-z0-9_]*, the text is quoted here
      s.execute("comment on database \"" + database + "\" is '" + text.replace("'", "''") + "'");
    }
  }
}
