package dev.poststack.bench;

import dev.poststack.bench.baseline.RawHashBaseline;
import dev.poststack.bench.baseline.RawKafkaProduceBaseline;
import dev.poststack.bench.baseline.RawPostgresInsertBaseline;
import dev.poststack.testing.TestDatabase;
import java.util.Map;
import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.admin.NewTopic;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/**
 * One run, one machine: raw baselines (hash, awaited produce, PostgreSQL insert) measured beside the
 * pipeline figures so the ratios hold even where absolute times drift. Progress goes to stdout.
 */
public final class BenchMain {
  private BenchMain() {}

  public static void main(String[] args) throws Exception {
    int scale = Integer.getInteger("bench.scale", 1);
    Report report = new Report();
    EmbeddedKafkaKraftBroker broker = new EmbeddedKafkaKraftBroker(1, 3);
    System.out.println("[bench] starting an in-process Kafka broker and a scratch database");
    broker.afterPropertiesSet();
    try (TestDatabase db = TestDatabase.create()) {
      String bootstrap = broker.getBrokersAsString();
      createTopic(bootstrap, "bench.raw", 3);

      System.out.println("[bench] raw baselines");
      var hash1 = RawHashBaseline.measure(1, 400 * scale);
      report.add("raw SHA512-CRYPT hash, 1 thread", hash1);
      var hash2 = RawHashBaseline.measure(Runtime.getRuntime().availableProcessors(), 800 * scale);
      report.add("raw SHA512-CRYPT hash, all cores", hash2);
      var produce1 = RawKafkaProduceBaseline.measure(bootstrap, "bench.raw", 1, 2000 * scale);
      report.add("raw awaited Kafka produce (acks=all, linger 0), 1 client", produce1);
      var produce32 = RawKafkaProduceBaseline.measure(bootstrap, "bench.raw", 32, 8000 * scale);
      report.add("raw awaited Kafka produce, 32 clients", produce32);
      var insert1 = RawPostgresInsertBaseline.measure(db, 1, 2000 * scale);
      report.add("raw PostgreSQL insert+commit, 1 connection", insert1);
      var insert8 = RawPostgresInsertBaseline.measure(db, 8, 8000 * scale);
      report.add("raw PostgreSQL insert+commit, 8 connections", insert8);
      report.print();
    } finally {
      broker.destroy();
    }
  }

  static void createTopic(String bootstrap, String name, int partitions) throws Exception {
    try (AdminClient admin = AdminClient.create(Map.of("bootstrap.servers", bootstrap))) {
      admin.createTopics(java.util.List.of(new NewTopic(name, partitions, (short) 1))).all().get();
    }
  }
}
