package dev.poststack.bench.cluster;

import dev.poststack.agent.AgentRuntime;
import dev.poststack.agent.AgentSettings;
import dev.poststack.agent.store.Durability;
import dev.poststack.bench.Report;
import dev.poststack.launcher.kafka.BrokerSettings;
import dev.poststack.launcher.kafka.KafkaBrokerProcess;
import dev.poststack.renderer.host.EntryChange;
import dev.poststack.renderer.host.EntryKind;
import dev.poststack.renderer.host.HostDomain;
import dev.poststack.renderer.host.HostEntries;
import dev.poststack.renderer.host.HostEntry;
import dev.poststack.renderer.host.HostMailbox;
import dev.poststack.renderer.host.HostStore;
import dev.poststack.schemas.Topics;
import dev.poststack.testing.FreePorts;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Duration;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.commons.codec.digest.Crypt;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Issue 13's host figures, one broker (a child JVM from Kafka's artifacts, as {@code dev} runs it):
 * a new host bootstrapping from the compacted host-entries topic at 10k, 100k and 1M mailboxes (a
 * fresh store-only agent — the real {@code AgentRuntime}: Kafka source, planner, one SQLite
 * transaction per burst with synchronous=FULL, reports — from start until its store holds the
 * topic's end positions), beside a raw consumer reading the same topic from its beginning to the
 * same end in the same run; and the catch-up of an agent that was stopped while 10k mailboxes
 * changed their password. The entries are rendered by config-renderer exactly as the provisioner
 * publishes them (keys, lines, partitioning by key).
 */
public final class BootstrapBench {
  private static final String TOPIC = Topics.HOST_ENTRIES.name();
  private static final int DOMAINS = 500;
  private static final int MISSED = 10_000;
  private static final long QUOTA = 1L << 30;

  private final Report report = new Report();
  private final Path dir;
  private final String bootstrap;
  private final String hashA = hash("bench-bootstrap-a", "bootstra");
  private final String hashB = hash("bench-bootstrap-b", "bootstrb");
  private int mailboxes;
  private int round;

  private BootstrapBench(Path dir, String bootstrap) {
    this.dir = dir;
    this.bootstrap = bootstrap;
  }

  public static void run() throws Exception {
    int[] sizes =
        Arrays.stream(
                System.getProperty("bench.bootstrap.sizes", "10000,100000,1000000").split(","))
            .map(String::strip)
            .mapToInt(Integer::parseInt)
            .toArray();
    Path dir = Files.createTempDirectory("poststack-bench-bootstrap-");
    System.out.println("[bench bootstrap] one Kafka broker, data in " + dir);
    try (KafkaBrokerProcess broker =
        KafkaBrokerProcess.start(
            new BrokerSettings(
                dir.resolve("kafka"), FreePorts.pairForBroker(), Duration.ofSeconds(120)))) {
      broker.ensureTopics(Topics.all());
      BootstrapBench bench = new BootstrapBench(dir, broker.bootstrapServers());
      try (KafkaProducer<String, byte[]> producer = bench.producer()) {
        bench.put(producer, domains());
        for (int size : sizes) {
          bench.measure(producer, size);
        }
      }
      bench.report.print();
    } finally {
      delete(dir);
    }
  }

  private void measure(KafkaProducer<String, byte[]> producer, int size) throws Exception {
    System.out.printf("[bench bootstrap] topic to %,d mailboxes%n", size);
    long t0 = System.nanoTime();
    while (mailboxes < size) {
      int id = ++mailboxes;
      put(producer, List.of(mailbox(id, hashA)));
    }
    producer.flush();
    System.out.printf("[bench bootstrap]   produced in %.1f s%n", (System.nanoTime() - t0) / 1e9);
    Map<Integer, Long> end = endOffsets();
    long records = end.values().stream().mapToLong(Long::longValue).sum();

    double raw = rawConsume(end);
    report.add(
        String.format("raw consumer, topic start → end (%,d records)", records),
        String.format("%,.0f records/s", records / raw));

    double write = rawStoreWrite(size);
    report.add(
        String.format("raw store write, same rows in key order (%,d rows)", size + DOMAINS),
        String.format("%,.0f rows/s", (size + DOMAINS) / write));

    round++;
    String hostId = "bench-boot-" + round;
    Path store = dir.resolve(hostId + ".sqlite");
    double boot = untilCaughtUp(hostId, store, end, true);
    report.add(
        String.format("new host bootstrap at %,d mailboxes (%,d records)", size, records),
        String.format(
            "%.1f s, %,.0f records/s, ratio to raw consumer %.2f, to raw store write %.2f,"
                + " to both in a row %.2f",
            boot, records / boot, raw / boot, write / boot, (raw + write) / boot));

    // the same host stopped while 10k mailboxes changed their password, then started again
    for (int i = 0; i < MISSED; i++) {
      int id = 1 + (int) ((long) i * mailboxes / MISSED);
      put(producer, List.of(mailbox(id, round % 2 == 0 ? hashA : hashB)));
    }
    producer.flush();
    Map<Integer, Long> after = endOffsets();
    double catchUp = untilCaughtUp(hostId, store, after, false);
    report.add(
        String.format("catch-up after %,d missed changes at %,d mailboxes", MISSED, size),
        String.format("%.2f s, %,.0f changes/s", catchUp, MISSED / catchUp));
  }

  /**
   * Starts a store-only agent (when {@code fresh}, on an empty store) and waits until its store
   * holds {@code end}; seconds from start (the store's opening and the consumer's join included) to
   * then. The agent stops afterwards; its store stays for the next start.
   */
  private double untilCaughtUp(String hostId, Path store, Map<Integer, Long> end, boolean fresh)
      throws InterruptedException {
    if (fresh && Files.exists(store)) {
      throw new IllegalStateException(store + " exists");
    }
    long t0 = System.nanoTime();
    AgentRuntime agent =
        AgentRuntime.start(
            new AgentSettings(
                hostId,
                bootstrap,
                store,
                Durability.FULL,
                Duration.ofSeconds(30),
                2000,
                Optional.empty()));
    try {
      long deadline = t0 + TimeUnit.MINUTES.toNanos(30);
      while (!reached(agent.store().positions(TOPIC), end)) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException(hostId + " did not catch up within 30 minutes");
        }
        Thread.sleep(5);
      }
      return (System.nanoTime() - t0) / 1e9;
    } finally {
      agent.close();
    }
  }

  private static boolean reached(Map<Integer, Long> positions, Map<Integer, Long> end) {
    return end.entrySet().stream()
        .allMatch(e -> positions.getOrDefault(e.getKey(), 0L) >= e.getValue());
  }

  /**
   * Seconds a plain consumer needs from the topic's beginning to {@code end} (records undecoded).
   */
  private double rawConsume(Map<Integer, Long> end) {
    long t0 = System.nanoTime();
    try (KafkaConsumer<String, byte[]> consumer =
        new KafkaConsumer<>(
            Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrap,
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG,
                2000,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                false),
            new StringDeserializer(),
            new ByteArrayDeserializer())) {
      List<TopicPartition> parts =
          end.keySet().stream().map(p -> new TopicPartition(TOPIC, p)).toList();
      consumer.assign(parts);
      consumer.seekToBeginning(parts);
      Map<Integer, Long> at = new HashMap<>();
      long bytes = 0;
      while (!reached(at, end)) {
        ConsumerRecords<String, byte[]> polled = consumer.poll(Duration.ofMillis(500));
        for (var r : polled) {
          bytes += r.value() == null ? 0 : r.value().length; // touch what an agent would read
          at.merge(r.partition(), r.offset() + 1, Math::max);
        }
      }
      if (bytes == 0) {
        throw new IllegalStateException("the raw consumer read nothing");
      }
    }
    return (System.nanoTime() - t0) / 1e9;
  }

  /**
   * The floor of any bootstrap's store work: the topic's rows (the domains and {@code size}
   * mailboxes, rendered), already decoded and sorted by key, inserted as one JDBC batch per table
   * in one transaction into a fresh store of the agents' schema (WAL, synchronous=FULL), through
   * the same driver. Seconds for the inserts and the commit.
   */
  private double rawStoreWrite(int size) throws Exception {
    List<HostEntry> rows = new java.util.ArrayList<>();
    domains().forEach(c -> rows.add(((EntryChange.Put) c).entry()));
    for (int id = 1; id <= size; id++) {
      rows.add(((EntryChange.Put) mailbox(id, hashA)).entry());
    }
    rows.sort(Comparator.comparing(HostEntry::key));
    Path file = dir.resolve("raw-" + size + ".sqlite");
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
        Statement s = c.createStatement()) {
      s.execute(HostStore.JOURNAL_MODE);
      s.execute("PRAGMA synchronous = FULL");
      for (String ddl : HostStore.DDL) {
        s.execute(ddl);
      }
      long t0 = System.nanoTime();
      c.setAutoCommit(false);
      Map<EntryKind, PreparedStatement> inserts = new java.util.EnumMap<>(EntryKind.class);
      for (EntryKind kind : EntryKind.values()) {
        inserts.put(
            kind,
            c.prepareStatement(
                kind == EntryKind.MAILBOX
                    ? HostStore.insertMailboxWithNewLoginKeySql()
                    : HostStore.upsertSql(kind)));
      }
      for (HostEntry e : rows) {
        PreparedStatement insert = inserts.get(e.kind());
        List<Object> values = e.columnValues();
        for (int i = 0; i < values.size(); i++) {
          insert.setObject(i + 1, values.get(i));
        }
        insert.addBatch();
      }
      for (PreparedStatement insert : inserts.values()) {
        insert.executeBatch();
        insert.close();
      }
      c.commit();
      return (System.nanoTime() - t0) / 1e9;
    }
  }

  private Map<Integer, Long> endOffsets() {
    try (KafkaConsumer<String, byte[]> consumer =
        new KafkaConsumer<>(
            Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap),
            new StringDeserializer(),
            new ByteArrayDeserializer())) {
      List<TopicPartition> parts =
          consumer.partitionsFor(TOPIC).stream()
              .map(p -> new TopicPartition(TOPIC, p.partition()))
              .toList();
      return consumer.endOffsets(parts).entrySet().stream()
          .collect(Collectors.toMap(e -> e.getKey().partition(), Map.Entry::getValue));
    }
  }

  private static List<EntryChange> domains() {
    return java.util.stream.IntStream.rangeClosed(1, DOMAINS)
        .mapToObj(d -> HostEntries.changesOf(HostDomain.of(d, domain(d), true)))
        .flatMap(List::stream)
        .toList();
  }

  private static EntryChange mailbox(int id, String hash) {
    List<EntryChange> changes =
        HostEntries.changesOf(
            HostMailbox.of(id, domain(1 + id % DOMAINS), "u" + id, hash, "active", QUOTA),
            List.of());
    if (changes.size() != 1) {
      throw new IllegalStateException("expected one entry per mailbox, got " + changes);
    }
    return changes.get(0);
  }

  private static String domain(int d) {
    return "d" + d + ".bench.test";
  }

  /** As the provisioner's relay publishes: key = entry key, value = the line, null to delete. */
  private void put(KafkaProducer<String, byte[]> producer, List<EntryChange> changes) {
    for (EntryChange change : changes) {
      if (!(change instanceof EntryChange.Put p)) {
        throw new IllegalStateException("expected a put, got " + change);
      }
      producer.send(
          new ProducerRecord<>(
              TOPIC, p.key().value(), p.entry().line().getBytes(StandardCharsets.UTF_8)));
    }
  }

  private KafkaProducer<String, byte[]> producer() {
    return new KafkaProducer<>(
        Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
            bootstrap,
            ProducerConfig.ACKS_CONFIG,
            "all",
            ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG,
            true,
            ProducerConfig.LINGER_MS_CONFIG,
            20,
            ProducerConfig.BATCH_SIZE_CONFIG,
            256 * 1024),
        new StringSerializer(),
        new ByteArraySerializer());
  }

  private static String hash(String password, String salt) {
    return "{SHA512-CRYPT}" + Crypt.crypt(password, "$6$" + salt);
  }

  private static void delete(Path dir) throws IOException {
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
