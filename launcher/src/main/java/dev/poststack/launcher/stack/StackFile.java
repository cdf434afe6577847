package dev.poststack.launcher.stack;

import dev.poststack.launcher.cli.ExitCodes;
import dev.poststack.launcher.cli.OperatorException;
import dev.poststack.launcher.spi.StackEndpoints;
import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import java.util.Properties;

/**
 * Where a running dev stack answers ({@code stack.properties} in the data dir), so admin commands
 * run in another terminal reach the same database even when it is an embedded one on a random port.
 * Written when {@code dev} is ready, removed when it stops.
 */
public final class StackFile {
  private final Path file;

  public StackFile(Path dataDir) {
    this.file = dataDir.resolve("stack.properties");
  }

  public void write(StackEndpoints s) throws IOException {
    Properties p = new Properties();
    p.setProperty("pid", Long.toString(ProcessHandle.current().pid()));
    p.setProperty("api.base-url", s.apiBaseUrl());
    p.setProperty("kafka.bootstrap-servers", s.kafkaBootstrapServers());
    p.setProperty("db.jdbc-url", s.jdbcUrl());
    p.setProperty("db.r2dbc-url", s.r2dbcUrl());
    p.setProperty("db.user", s.dbUser());
    p.setProperty("db.password", s.dbPassword());
    Files.createDirectories(file.getParent());
    Files.deleteIfExists(file);
    // it may hold a database password
    Files.createFile(
        file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      p.store(w, "written by poststack dev while it runs");
    }
  }

  public Optional<StackEndpoints> read() throws IOException {
    if (!Files.exists(file)) {
      return Optional.empty();
    }
    Properties p = new Properties();
    try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      p.load(r);
    }
    // a SIGKILLed dev run leaves the file behind: trust it only while its launcher lives
    boolean running =
        ProcessHandle.of(Long.parseLong(p.getProperty("pid", "-1")))
            .map(ProcessHandle::isAlive)
            .orElse(false);
    if (!running) {
      return Optional.empty();
    }
    return Optional.of(
        new StackEndpoints(
            p.getProperty("api.base-url"),
            p.getProperty("kafka.bootstrap-servers"),
            p.getProperty("db.jdbc-url"),
            p.getProperty("db.r2dbc-url"),
            p.getProperty("db.user"),
            p.getProperty("db.password", "")));
  }

  public void delete() throws IOException {
    Files.deleteIfExists(file);
  }

  /**
   * Endpoints from the running dev stack, else from the environment ({@code POSTSTACK_PG_*}, {@code
   * POSTSTACK_KAFKA_BOOTSTRAP}) and the database the data directory records ({@code
   * POSTSTACK_PG_DATABASE} when it records none).
   */
  public static StackEndpoints resolve(LauncherEnv env) throws IOException {
    Optional<StackEndpoints> running = new StackFile(env.dataDir()).read();
    if (running.isPresent()) {
      return running.get();
    }
    String database =
        DataDirIdentity.read(env.dataDir())
            .map(DataDirIdentity::database)
            .or(env::databaseOverride)
            .orElseThrow(
                () ->
                    new OperatorException(
                        "no PostStack state in "
                            + env.dataDir()
                            + ": start bin/poststack dev there first, point POSTSTACK_DATA_DIR at"
                            + " its data directory, or name the database with"
                            + " POSTSTACK_PG_DATABASE",
                        ExitCodes.USAGE,
                        null));
    var pg = env.postgres(database);
    String hostPort = pg.host() + ":" + pg.port() + "/" + pg.database();
    // a deployment names its brokers (POSTSTACK_KAFKA_BOOTSTRAP, as its services get them)
    String kafka = env.variables().getOrDefault("POSTSTACK_KAFKA_BOOTSTRAP", "").strip();
    return new StackEndpoints(
        "http://127.0.0.1:" + env.httpPort(),
        kafka.isEmpty() ? "127.0.0.1:" + env.kafkaPort() : kafka,
        "jdbc:postgresql://" + hostPort,
        "r2dbc:postgresql://" + hostPort,
        pg.user(),
        pg.password());
  }
}
