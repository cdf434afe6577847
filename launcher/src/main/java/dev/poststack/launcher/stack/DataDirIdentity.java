package dev.poststack.launcher.stack;

import dev.poststack.launcher.cli.ExitCodes;
import dev.poststack.launcher.cli.OperatorException;
import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Optional;
import java.util.Properties;

/**
 * Who a data directory is: a random id made when it is first used, and the PostgreSQL database that
 * holds the state its Kafka log produced ({@code identity.properties}). The id names everything the
 * directory owns outside itself (its database, its mail host under {@code
 * /var/lib/poststack/<id>}), so a new or re-created data directory never picks up another one's
 * state, and the same directory always finds its own again.
 *
 * @param adopted true when the directory predates identities: it already had a Kafka log and used
 *     the database that was configured then, whose tables it may take over
 */
public record DataDirIdentity(String id, String database, boolean adopted) {
  static final String FILE = "identity.properties";

  /** The database every data directory shared before identities existed. */
  static final String LEGACY_DATABASE = "poststack";

  private static final SecureRandom RANDOM = new SecureRandom();

  public DataDirIdentity {
    if (!id.matches("[0-9a-f]{12}")) {
      throw new IllegalArgumentException("a data directory id is 12 hex digits: " + id);
    }
    checkDatabaseName(database);
  }

  /** The database name goes into CREATE DATABASE, so only a plain identifier is accepted. */
  public static String checkDatabaseName(String v) {
    if (!v.matches("[a-z_][a-z0-9_]{0,62}")) {
      throw new OperatorException(
          "POSTSTACK_PG_DATABASE must match [a-z_][a-z0-9_]*, got '" + v + "'",
          ExitCodes.USAGE,
          null);
    }
    return v;
  }

  /** The identity recorded in {@code dataDir}, if it has one; never writes. */
  public static Optional<DataDirIdentity> read(Path dataDir) {
    Path file = dataDir.resolve(FILE);
    if (!Files.exists(file)) {
      return Optional.empty();
    }
    Properties p = new Properties();
    try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      p.load(r);
      return Optional.of(
          new DataDirIdentity(p.getProperty("id", ""), p.getProperty("database", ""), false));
    } catch (IOException | IllegalArgumentException | OperatorException e) {
      throw new OperatorException(
          "cannot read "
              + file
              + " ("
              + e.getMessage()
              + "); it says which database this data directory uses: restore it, or remove the"
              + " whole data directory to start afresh",
          e);
    }
  }

  /**
   * The directory's identity: the recorded one, or a new one that {@link #record} writes once its
   * database is claimed (a refused database must not stick to the directory). {@code
   * databaseOverride} ({@code POSTSTACK_PG_DATABASE}) names the database of a new directory; for
   * one that has an identity it must name the recorded database, since its Kafka log and mail host
   * belong to that one.
   */
  public static DataDirIdentity establish(Path dataDir, Optional<String> databaseOverride) {
    Optional<DataDirIdentity> recorded = read(dataDir);
    if (recorded.isPresent()) {
      DataDirIdentity id = recorded.get();
      databaseOverride
          .filter(d -> !d.equals(id.database()))
          .ifPresent(
              other -> {
                throw new OperatorException(
                    "POSTSTACK_PG_DATABASE="
                        + other
                        + " but "
                        + dataDir
                        + " keeps its state in database "
                        + id.database()
                        + " (its Kafka log and mail host belong to that one); unset"
                        + " POSTSTACK_PG_DATABASE, or choose a new POSTSTACK_DATA_DIR for another"
                        + " database",
                    ExitCodes.USAGE,
                    null);
              });
      return id;
    }
    String id = HexFormat.of().formatHex(randomBytes());
    boolean legacy = Files.isDirectory(dataDir.resolve("kafka"));
    String database = databaseOverride.orElse(legacy ? LEGACY_DATABASE : "poststack_" + id);
    return new DataDirIdentity(id, database, legacy);
  }

  private static byte[] randomBytes() {
    byte[] b = new byte[6];
    RANDOM.nextBytes(b);
    return b;
  }

  /** Writes this identity into {@code dataDir} unless it has one already. */
  public void record(Path dataDir) {
    if (Files.exists(dataDir.resolve(FILE))) {
      return;
    }
    Properties p = new Properties();
    p.setProperty("id", id);
    p.setProperty("database", database);
    try {
      Files.createDirectories(dataDir);
      Path tmp = dataDir.resolve(FILE + ".tmp");
      try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
        p.store(
            w,
            "written once by poststack: what this data directory's state belongs to; do not edit");
      }
      Files.move(tmp, dataDir.resolve(FILE), StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new OperatorException(
          "cannot write " + dataDir.resolve(FILE) + ": " + e.getMessage(), e);
    }
  }
}
