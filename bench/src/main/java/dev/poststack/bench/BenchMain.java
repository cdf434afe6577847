package dev.poststack.bench;

import dev.poststack.bench.activity.ActivityBench;
import dev.poststack.bench.baseline.RawHashBaseline;
import dev.poststack.bench.baseline.RawKafkaProduceBaseline;
import dev.poststack.bench.baseline.RawPostgresInsertBaseline;
import dev.poststack.bench.isolation.IsolationBench;
import dev.poststack.bench.mailhost.MailHostBench;
import dev.poststack.bench.pipeline.ApiClient;
import dev.poststack.bench.pipeline.DevStackProcess;
import dev.poststack.bench.pipeline.Population;
import dev.poststack.bench.pipeline.StackMemory;
import dev.poststack.bench.replay.ReplayBench;
import dev.poststack.testing.TestDatabase;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.admin.NewTopic;

/**
 * One run, one machine: the whole pipeline started as a developer starts it ({@code bin/poststack
 * dev}), create-mailbox figures through its REST API, and beside them the raw baselines that bound
 * them (hash, awaited produce on the same broker, PostgreSQL insert on the same server), so the
 * ratios hold even where absolute times drift. {@code -Dbench.scale=N} multiplies the counts.
 */
public final class BenchMain {
  private BenchMain() {}

  public static void main(String[] args) throws Exception {
    if (args.length > 0 && args[0].equals("mailhost")) {
      MailHostBench.run(Arrays.copyOfRange(args, 1, args.length));
      return;
    }
    if (args.length > 0 && args[0].equals("cluster")) {
      dev.poststack.bench.mailhost.ClusterBench.run();
      return;
    }
    if (args.length > 0 && args[0].equals("activity")) {
      ActivityBench.run();
      return;
    }
    if (args.length > 0 && args[0].equals("replay")) {
      ReplayBench.run();
      return;
    }
    if (args.length > 0 && args[0].equals("webhooks")) {
      dev.poststack.bench.webhooks.WebhookLatencyBench.run();
      return;
    }
    if (args.length > 0 && args[0].equals("bootstrap")) {
      dev.poststack.bench.cluster.BootstrapBench.run();
      return;
    }
    if (args.length > 0 && args[0].equals("kafka-cluster")) {
      dev.poststack.bench.kafka.KafkaClusterBench.run();
      return;
    }
    if (args.length > 0 && args[0].equals("profile")) {
      dev.poststack.bench.profile.ProfileBench.run(Arrays.asList(args).contains("--keep-jfr"));
      return;
    }
    if (args.length > 0 && args[0].equals("import")) {
      dev.poststack.bench.imports.ImportBench.run();
      return;
    }
    if (args.length > 0 && args[0].equals("isolation")) {
      IsolationBench.run();
      return;
    }
    int scale = Integer.getInteger("bench.scale", 1);
    Report report = new Report();
    System.out.println("[bench 1/4] starting bin/poststack dev");
    try (DevStackProcess dev = DevStackProcess.start(Path.of("").toAbsolutePath());
        TestDatabase scratch = TestDatabase.create()) {
      report.add(
          "bin/poststack dev: spawn to ready (warm build)",
          String.format("%.2f s", dev.secondsToReady()));
      ApiClient api = new ApiClient(dev.apiUrl(), dev.apiKey());
      long domainId = api.domainId("example.test");

      System.out.println("[bench 2/4] raw baselines");
      var hash1 = RawHashBaseline.measure(1, 400 * scale);
      report.add("raw SHA512-CRYPT hash, 1 thread", hash1);
      var hashAll =
          RawHashBaseline.measure(Runtime.getRuntime().availableProcessors(), 800 * scale);
      report.add("raw SHA512-CRYPT hash, all cores", hashAll);
      createTopic(dev.kafkaBootstrap(), "bench.raw", 3);
      var produce1 =
          RawKafkaProduceBaseline.measure(dev.kafkaBootstrap(), "bench.raw", 1, 2000 * scale);
      report.add("raw awaited Kafka produce (acks=all, linger 0), 1 client", produce1);
      var produce32 =
          RawKafkaProduceBaseline.measure(dev.kafkaBootstrap(), "bench.raw", 32, 8000 * scale);
      report.add("raw awaited Kafka produce, 32 clients", produce32);
      var insert1 = RawPostgresInsertBaseline.measure(scratch, 1, 2000 * scale);
      report.add("raw PostgreSQL insert+commit, 1 connection", insert1);
      var insert8 = RawPostgresInsertBaseline.measure(scratch, 8, 8000 * scale);
      report.add("raw PostgreSQL insert+commit, 8 connections", insert8);

      System.out.println("[bench 3/4] create mailbox through the whole pipeline");
      Load.run(4, 100, Duration.ofSeconds(60), seq -> api.createMailbox(domainId, "warm" + seq));
      var create1 =
          Load.run(
              1,
              300 * scale,
              Duration.ofSeconds(120),
              seq -> api.createMailbox(domainId, "c1x" + seq));
      report.add("create mailbox (API 201), 1 client", create1);
      Latencies.Result create32;
      try (StackMemory memory = StackMemory.watch(dev.handle())) {
        create32 =
            Load.run(
                32,
                1500 * scale,
                Duration.ofSeconds(180),
                seq -> api.createMailbox(domainId, "c32x" + seq));
        report.add("create mailbox (API 201), 32 clients", create32);
        report.add(
            "dev stack RSS (API + provisioner JVM, broker JVM), peak under 32 clients (goal < 1536"
                + " MiB)",
            String.format("%.0f MiB", memory.peakMib()));
      }

      System.out.println("[bench 4/4] create latency as the mailbox count grows");
      Population population = new Population(dev.database());
      report.add("create mailbox, 1 client, with " + population.count() + " mailboxes", create1);
      List<Long> sizes =
          Arrays.stream(
                  System.getProperty("bench.populationSizes", "10000,100000,1000000").split(","))
              .map(String::trim)
              .filter(v -> !v.isEmpty())
              .map(Long::parseLong)
              .toList();
      for (long size : sizes) {
        long t0 = System.nanoTime();
        population.growTo(domainId, size);
        System.out.printf(
            "  [bench] %,d mailboxes present (filled in %.1f s)%n",
            size, (System.nanoTime() - t0) / 1e9);
        var grown =
            Load.run(
                1,
                200 * scale,
                Duration.ofSeconds(120),
                seq -> api.createMailbox(domainId, "g" + size + "x" + seq));
        report.add("create mailbox, 1 client, with " + size + " mailboxes", grown);
        if (size == sizes.get(sizes.size() - 1)) {
          var grown32 =
              Load.run(
                  32,
                  1500 * scale,
                  Duration.ofSeconds(180),
                  seq -> api.createMailbox(domainId, "g32x" + size + "x" + seq));
          report.add("create mailbox, 32 clients, with " + size + " mailboxes", grown32);
          report.ratio(
              "ratio: create throughput (32 clients) with " + size + " mailboxes / without",
              grown32.perSecond() / create32.perSecond());
        }
      }

      double floor = hash1.p50Ms() + produce1.p50Ms() + insert1.p50Ms();
      report.ratio(
          "ratio: create p50 (1 client) / (hash + produce + commit p50)", create1.p50Ms() / floor);
      report.ratio(
          "ratio: create throughput (32 clients) / raw hash throughput (all cores)",
          create32.perSecond() / hashAll.perSecond());
      report.ratio(
          "ratio: create throughput (32 clients) / raw awaited produce (32 clients)",
          create32.perSecond() / produce32.perSecond());
      report.ratio(
          "ratio: create throughput (32 clients) / raw insert (8 connections)",
          create32.perSecond() / insert8.perSecond());
      System.out.println("[bench] stopping bin/poststack dev");
    }
    report.print();
  }

  static void createTopic(String bootstrap, String name, int partitions) throws Exception {
    try (AdminClient admin = AdminClient.create(Map.of("bootstrap.servers", bootstrap))) {
      admin.createTopics(List.of(new NewTopic(name, partitions, (short) 1))).all().get();
    }
  }
}
