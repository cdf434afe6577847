package dev.poststack.provisioner.app;

import dev.poststack.provisioner.ProvisionerSchema;
import dev.poststack.provisioner.alias.AliasStore;
import dev.poststack.provisioner.audit.AuditLog;
import dev.poststack.provisioner.audit.ProcessedEvents;
import dev.poststack.provisioner.dkim.DkimKeyStore;
import dev.poststack.provisioner.domain.DomainStore;
import dev.poststack.provisioner.host.HostEntryOutbox;
import dev.poststack.provisioner.host.HostEntryPublication;
import dev.poststack.provisioner.mailbox.MailboxStore;
import dev.poststack.provisioner.team.TeamUsageStore;
import dev.poststack.testing.TestDatabase;
import dev.poststack.values.mailbox.PasswordSchemes;
import io.r2dbc.pool.ConnectionPool;
import io.r2dbc.pool.ConnectionPoolConfiguration;
import io.r2dbc.spi.ConnectionFactories;
import io.r2dbc.spi.ConnectionFactoryOptions;
import org.springframework.r2dbc.connection.R2dbcTransactionManager;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.transaction.reactive.TransactionalOperator;

/**
 * The provisioner's apply path wired by hand over a migrated throwaway database: the production
 * classes, without Spring's context or Kafka, so a test that needs only the database starts in well
 * under a second.
 */
public final class ApplyRig implements AutoCloseable {
  private final TestDatabase db;
  private final ConnectionPool pool;
  private final DatabaseClient client;
  private final TransactionalOperator tx;
  private final EventProcessor processor;

  private ApplyRig(TestDatabase db, boolean createsAsSet) {
    this.db = db;
    migrate(db);
    ConnectionFactoryOptions options =
        ConnectionFactoryOptions.parse(db.r2dbcUrl())
            .mutate()
            .option(ConnectionFactoryOptions.USER, db.user())
            .option(ConnectionFactoryOptions.PASSWORD, db.password())
            .build();
    pool =
        new ConnectionPool(
            ConnectionPoolConfiguration.builder(ConnectionFactories.get(options))
                .initialSize(1)
                .maxSize(2)
                .build());
    client = DatabaseClient.create(pool);
    tx = TransactionalOperator.create(new R2dbcTransactionManager(pool));
    DomainStore domains = new DomainStore(client);
    MailboxStore mailboxes = new MailboxStore(client);
    AliasStore aliases = new AliasStore(client);
    TeamUsageStore usage = new TeamUsageStore(client);
    processor =
        new EventProcessor(
            tx,
            new ProcessedEvents(client),
            new SnapshotLoader(domains, mailboxes, aliases, usage, new DkimKeyStore(client)),
            new ChangeWriter(domains, mailboxes, aliases, new DkimKeyStore(client)),
            new HostEntryPublication(domains, mailboxes, aliases),
            new HostEntryOutbox(client),
            new AuditLog(client),
            PasswordSchemes.defaults(),
            new RunLoader(domains, mailboxes, aliases, usage, client),
            createsAsSet);
  }

  /** Takes ownership of the database: closing the rig drops it. */
  public static ApplyRig on(TestDatabase db) {
    return new ApplyRig(db, true);
  }

  /**
   * With creates decided as a set ({@code true}, production's default) or one by one, the path
   * every other event takes.
   */
  public static ApplyRig on(TestDatabase db, boolean createsAsSet) {
    return new ApplyRig(db, createsAsSet);
  }

  public TestDatabase database() {
    return db;
  }

  public DatabaseClient client() {
    return client;
  }

  public TransactionalOperator tx() {
    return tx;
  }

  EventProcessor processor() {
    return processor;
  }

  private static void migrate(TestDatabase db) {
    ProvisionerSchema.migrate(db.jdbcUrl(), db.user(), db.password());
  }

  @Override
  public void close() {
    pool.dispose();
    db.close();
  }
}
