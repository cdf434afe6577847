package dev.poststack.api.journal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.poststack.admin.journal.ControlRecords;
import dev.poststack.controlplane.ApiSchema;
import dev.poststack.testing.TestDatabase;
import io.r2dbc.spi.ConnectionFactories;
import io.r2dbc.spi.ConnectionFactory;
import io.r2dbc.spi.ConnectionFactoryOptions;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.SendResult;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.r2dbc.connection.R2dbcTransactionManager;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.transaction.reactive.TransactionalOperator;

/**
 * The relay loses no journal row to a writer that commits while a batch is on its way: the writer
 * took a lower id than the batch's last one, so its row is visible to the batch's delete without
 * having been sent. Seen in CI as an API key restored without its team (a foreign key failure).
 */
@EmbeddedKafka(partitions = 3, topics = "poststack.control-records")
class ControlJournalRelayIT {
  private TestDatabase db;
  private DefaultKafkaProducerFactory<String, byte[]> producers;

  @BeforeEach
  void database() {
    db = TestDatabase.create();
    ApiSchema.migrate(db.jdbcUrl(), db.user(), db.password());
  }

  @AfterEach
  void close() {
    if (producers != null) {
      producers.destroy();
    }
    db.close();
  }

  @Test
  void aWriterCommittingDuringTheSendsKeepsItsRowForTheNextBatch(EmbeddedKafkaBroker broker)
      throws Exception {
    Connection late = db.connect();
    late.setAutoCommit(false);
    long lateTeam = insertTeam(late, "late");
    long earlyTeam;
    try (Connection early = db.connect()) {
      earlyTeam = insertTeam(early, "early");
    }
    producers =
        new DefaultKafkaProducerFactory<>(
            Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString()),
            new StringSerializer(),
            new ByteArraySerializer());
    AtomicBoolean committed = new AtomicBoolean();
    // the late writer commits while the batch that holds only the early row is being sent
    KafkaTemplate<String, byte[]> kafka =
        new KafkaTemplate<>(producers) {
          @Override
          public CompletableFuture<SendResult<String, byte[]>> send(
              String topic, String key, byte[] data) {
            if (committed.compareAndSet(false, true)) {
              try (late) {
                late.commit();
              } catch (SQLException e) {
                throw new IllegalStateException(e);
              }
            }
            return super.send(topic, key, data);
          }
        };
    ConnectionFactory connections =
        ConnectionFactories.get(
            ConnectionFactoryOptions.parse(db.r2dbcUrl())
                .mutate()
                .option(ConnectionFactoryOptions.USER, db.user())
                .option(ConnectionFactoryOptions.PASSWORD, db.password())
                .build());
    ControlJournalRelay relay =
        new ControlJournalRelay(
            DatabaseClient.create(connections),
            TransactionalOperator.create(new R2dbcTransactionManager(connections)),
            kafka);

    assertThat(relay.relayOnce().block()).isEqualTo(1);
    assertThat(committed).isTrue();
    assertThat(relay.relayOnce().block()).isEqualTo(1);
    assertThat(relay.relayOnce().block()).isZero();

    assertThat(ControlRecords.read(broker.getBrokersAsString()))
        .containsKeys("team:" + earlyTeam, "team:" + lateTeam);
  }

  private static long insertTeam(Connection c, String name) throws SQLException {
    try (ResultSet rs =
        c.createStatement()
            .executeQuery("insert into team (name) values ('" + name + "') returning id")) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
