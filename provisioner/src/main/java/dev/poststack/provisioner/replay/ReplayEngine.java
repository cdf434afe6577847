package dev.poststack.provisioner.replay;

import dev.poststack.launcher.spi.EventReplayer;
import dev.poststack.schemas.Topics;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.function.Consumer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Replays {@code poststack.mailbox-events} from its beginning into this context's database through
 * the live apply path ({@link RecordApplier}: the listener's decoding, {@code EventProcessor}, the
 * rules), in batches, each with its records' real Kafka positions. The context runs with its
 * listeners and relay stopped ({@code spring.kafka.listener.auto-startup=false}, {@code
 * poststack.provisioner.outbox.relay=false}); its datasource and Flyway are the replay's target.
 */
@Component
public class ReplayEngine implements EventReplayer {
  private static final String TOPIC = Topics.MAILBOX_EVENTS.name();

  private final RecordApplier applier;
  private final HostEntrySource hostEntries;
  private final String bootstrapServers;
  private final String jdbcUrl;
  private final String user;
  private final String password;
  private final String group;
  private final int batchSize;

  ReplayEngine(
      RecordApplier applier,
      HostEntrySource hostEntries,
      @Value("${spring.kafka.bootstrap-servers}") String bootstrapServers,
      @Value("${spring.flyway.url}") String jdbcUrl,
      @Value("${spring.flyway.user}") String user,
      @Value("${spring.flyway.password:}") String password,
      @Value("${poststack.provisioner.group-id:poststack-provisioner}") String group,
      @Value("${poststack.replay.batch-size:500}") int batchSize) {
    this.applier = applier;
    this.hostEntries = hostEntries;
    this.bootstrapServers = bootstrapServers;
    this.jdbcUrl = jdbcUrl;
    this.user = user;
    this.password = password;
    this.group = group;
    this.batchSize = batchSize;
  }

  @Override
  public Result replay(Until until, Consumer<Progress> progress) {
    try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(consumerConfig())) {
      LogRange range = LogRange.resolve(consumer, TOPIC, until);
      return run(consumer, range, progress);
    }
  }

  @Override
  public Result rebuild(Consumer<Progress> progress) throws Exception {
    try (Admin admin =
        Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
      try (Connection db = connect(jdbcUrl, user, password)) {
        Rebuild.requireEmptyState(db);
      }
      Rebuild.requireNoActiveMembers(admin, group);
      Result result = replay(Until.END, progress);
      try (Connection db = connect(jdbcUrl, user, password)) {
        Rebuild.advanceSequences(db);
      }
      Rebuild.requireNoActiveMembers(admin, group);
      Rebuild.commitGroupOffsets(admin, group, TOPIC, result.endOffsets());
      return result;
    }
  }

  @Override
  public Optional<String> differenceFrom(String liveJdbcUrl, String liveUser, String livePassword)
      throws SQLException {
    try (Connection live = connect(liveJdbcUrl, liveUser, livePassword);
        Connection replayed = connect(jdbcUrl, user, password)) {
      return StateComparison.ofProvisionerState().difference(live, replayed);
    }
  }

  @Override
  public List<String> hostEntryLines() {
    return hostEntries.lines();
  }

  private Result run(
      KafkaConsumer<String, byte[]> consumer, LogRange range, Consumer<Progress> progress) {
    long started = System.nanoTime();
    long total = range.total();
    Counts counts = new Counts();
    progress.accept(new Progress(0, total, Duration.ZERO));
    LogReader.read(
        consumer,
        range,
        batchSize,
        batch -> {
          counts.add(applier.apply(batch), batch);
          progress.accept(new Progress(counts.events, total, since(started)));
        });
    return new Result(
        counts.events,
        counts.applied,
        counts.rejected,
        counts.duplicates,
        counts.undecodable,
        since(started),
        range.end());
  }

  private static Duration since(long started) {
    return Duration.ofNanos(System.nanoTime() - started);
  }

  private Map<String, Object> consumerConfig() {
    return Map.of(
        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
        bootstrapServers,
        ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG,
        StringDeserializer.class,
        ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
        ByteArrayDeserializer.class,
        // what the live listener sees: no record of an aborted transaction
        ConsumerConfig.ISOLATION_LEVEL_CONFIG,
        "read_committed",
        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
        false,
        ConsumerConfig.MAX_POLL_RECORDS_CONFIG,
        5000,
        ConsumerConfig.CLIENT_ID_CONFIG,
        "poststack-replay");
  }

  private static Connection connect(String url, String user, String password) throws SQLException {
    Properties p = new Properties();
    p.setProperty("user", user);
    p.setProperty("password", password);
    p.setProperty("ApplicationName", "poststack-replay");
    return DriverManager.getConnection(url, p);
  }

  /** Running totals, touched by the reading thread only. */
  private static final class Counts {
    long events;
    long applied;
    long rejected;
    long duplicates;
    long undecodable;

    void add(RecordApplier.Applied a, List<ConsumerRecord<String, byte[]>> batch) {
      events += batch.size();
      applied += a.applied();
      rejected += a.rejected();
      duplicates += a.duplicates();
      undecodable += a.undecodable();
    }
  }
}
