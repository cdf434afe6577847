package dev.poststack.bench.webhooks;

import com.sun.net.httpserver.HttpServer;
import dev.poststack.bench.Latencies;
import dev.poststack.bench.Report;
import dev.poststack.bench.baseline.RawKafkaProduceBaseline;
import dev.poststack.bench.pipeline.ApiClient;
import dev.poststack.bench.pipeline.DevStackProcess;
import dev.poststack.schemas.HostRecordCodec;
import dev.poststack.schemas.Topics;
import dev.poststack.schemas.host.MailDelivered;
import dev.poststack.testing.mail.MailClients;
import dev.poststack.testing.mail.MailEndpoints;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Webhook latency, one message at a time (latency, not queueing), through {@code bin/poststack dev}
 * with its mail host: from the SMTP {@code 250} of a real delivery to the receiver's request
 * (Dovecot's record, the agent's poll and read-back, Kafka, the API's dispatcher), and the
 * dispatcher's share alone, from a {@code MailDelivered} record acknowledged on the mail-deliveries
 * topic to the receiver's request. Beside them the raw parts on the same machine: an awaited
 * produce and a loopback HTTP POST.
 */
public final class WebhookLatencyBench {
  private static final Pattern SEQ = Pattern.compile("\"subject\":\"bench-(\\d+)\"");
  private static final String HOOKED = "hooked@example.test";

  private WebhookLatencyBench() {}

  public static void run() throws Exception {
    int n = 300 * Integer.getInteger("bench.scale", 1);
    Report report = new Report();
    Map<Long, Long> arrivedAt = new ConcurrentHashMap<>();
    HttpServer receiver =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
    var receiverThreads = Executors.newFixedThreadPool(4);
    receiver.setExecutor(receiverThreads);
    receiver.createContext(
        "/",
        exchange -> {
          long now = System.nanoTime();
          String body =
              new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
          exchange.sendResponseHeaders(200, -1);
          exchange.close();
          Matcher m = SEQ.matcher(body);
          if (m.find()) {
            arrivedAt.put(Long.parseLong(m.group(1)), now);
          }
        });
    receiver.start();
    String url = "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook";
    System.out.println("[bench webhooks 1/4] starting bin/poststack dev with its mail host");
    try (DevStackProcess dev = DevStackProcess.startWithMailHost(Path.of("").toAbsolutePath())) {
      ApiClient api = new ApiClient(dev.apiUrl(), dev.apiKey());
      long domainId = api.domainId("example.test");
      var created =
          api.postJson(
              "/mailboxes",
              "{\"domainId\":"
                  + domainId
                  + ",\"localPart\":\"hooked\",\"password\":\"bench-password-hooked\","
                  + "\"webhookEnabled\":true}");
      Matcher id = Pattern.compile("\"id\":(\\d+)").matcher(created.body());
      if (created.status() != 201 || !id.find()) {
        throw new IllegalStateException("mailbox create answered " + created.status());
      }
      long mailboxId = Long.parseLong(id.group(1));
      var hook =
          api.postJson("/webhooks", "{\"url\":\"" + url + "\",\"events\":[\"email.inbound\"]}");
      if (hook.status() != 201) {
        throw new IllegalStateException("webhook create answered " + hook.status());
      }

      System.out.println("[bench webhooks 2/4] SMTP 250 of a delivery -> receiver's request");
      MailClients mail =
          new MailClients(
              new MailEndpoints(
                  dev.mailHost().imaps(),
                  dev.mailHost().pop3s(),
                  dev.mailHost().smtp(),
                  dev.mailHost().submissions(),
                  dev.mailHostCertificate()));
      awaitOnHost(mail);
      int smtpCount = Math.max(20, n / 3);
      smtp(mail, 5, arrivedAt); // warm-up
      report.add(
          "webhook: SMTP 250 of a delivery -> receiver's request, 1 at a time",
          smtp(mail, smtpCount, arrivedAt));

      System.out.println("[bench webhooks 3/4] record on the topic -> receiver's request");
      try (KafkaProducer<String, byte[]> producer = producer(dev.kafkaBootstrap())) {
        measure(producer, mailboxId, 30, arrivedAt); // warm-up
        report.add(
            "webhook: MailDelivered acked on topic -> receiver's request, 1 at a time",
            measure(producer, mailboxId, n, arrivedAt));
      }

      System.out.println("[bench webhooks 4/4] raw parts");
      try (AdminClient admin =
          AdminClient.create(Map.of("bootstrap.servers", dev.kafkaBootstrap()))) {
        admin.createTopics(List.of(new NewTopic("bench.webhooks.raw", 3, (short) 1))).all().get();
      }
      report.add(
          "raw awaited Kafka produce (acks=all, linger 0), 1 client",
          RawKafkaProduceBaseline.measure(dev.kafkaBootstrap(), "bench.webhooks.raw", 1, 1000));
      report.add("raw HTTP POST to the same receiver over loopback", rawPost(url, 1000));
    } finally {
      receiver.stop(0);
      receiverThreads.shutdownNow();
    }
    report.print();
  }

  private static Latencies.Result measure(
      KafkaProducer<String, byte[]> producer, long mailboxId, int count, Map<Long, Long> arrivedAt)
      throws Exception {
    Latencies latencies = new Latencies();
    latencies.start();
    for (int i = 0; i < count; i++) {
      long seq = System.nanoTime();
      MailDelivered d =
          MailDelivered.newBuilder()
              .setDeliveryId(UUID.randomUUID().toString())
              .setHostId("bench")
              .setAddress("hooked@example.test")
              .setMailboxId(mailboxId)
              .setFolder("INBOX")
              .setUid(i + 1)
              .setMessageId("<" + UUID.randomUUID() + "@bench>")
              .setFromAddress("bench@remote.test")
              .setToAddresses(List.of("hooked@example.test"))
              .setSubject("bench-" + seq)
              .setDeliveredAt(Instant.now())
              .setSizeBytes(1000)
              .build();
      producer
          .send(
              new ProducerRecord<>(
                  Topics.MAIL_DELIVERIES.name(), "hooked@example.test", HostRecordCodec.encode(d)))
          .get();
      // the clock starts once the record is on the topic, as a host's agent would have it; the
      // receiver notes every arrival, so one that beats this thread back here is not lost
      long acked = System.nanoTime();
      latencies.record(Math.max(0, awaitArrival(arrivedAt, seq, acked) - acked));
    }
    latencies.stop();
    return latencies.result();
  }

  /** The mailbox's address is on the host once a delivery to it is accepted. */
  private static void awaitOnHost(MailClients mail) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (mail.rcptWithSize("bench@remote.test", HOOKED, 100) != 250) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(HOOKED + " is not on the mail host after 60 s");
      }
      Thread.sleep(200);
    }
  }

  private static Latencies.Result smtp(MailClients mail, int count, Map<Long, Long> arrivedAt)
      throws Exception {
    Latencies latencies = new Latencies();
    latencies.start();
    for (int i = 0; i < count; i++) {
      long seq = System.nanoTime();
      int code = mail.deliver("bench@remote.test", HOOKED, "bench-" + seq);
      // the clock starts when the host has said 250: the sender's part is done
      long accepted = System.nanoTime();
      if (code != 250) {
        throw new IllegalStateException("delivery answered " + code);
      }
      latencies.record(Math.max(0, awaitArrival(arrivedAt, seq, accepted) - accepted));
    }
    latencies.stop();
    return latencies.result();
  }

  /** When the receiver got the request for {@code seq}; at most 60 s after {@code since}. */
  private static long awaitArrival(Map<Long, Long> arrivedAt, long seq, long since)
      throws InterruptedException {
    long deadline = since + TimeUnit.SECONDS.toNanos(60);
    Long arrived;
    while ((arrived = arrivedAt.remove(seq)) == null) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("no webhook request within 60 s");
      }
      java.util.concurrent.locks.LockSupport.parkNanos(200_000); // a sleep rounds up to 1 ms
    }
    return arrived;
  }

  private static KafkaProducer<String, byte[]> producer(String bootstrap) {
    return new KafkaProducer<>(
        Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
            bootstrap,
            ProducerConfig.ACKS_CONFIG,
            "all",
            ProducerConfig.LINGER_MS_CONFIG,
            0),
        new StringSerializer(),
        new ByteArraySerializer());
  }

  private static Latencies.Result rawPost(String url, int count) throws Exception {
    HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(url))
            .POST(HttpRequest.BodyPublishers.ofString("{\"data\":{}}"))
            .build();
    Latencies latencies = new Latencies();
    latencies.start();
    for (int i = 0; i < count; i++) {
      long t0 = System.nanoTime();
      http.send(request, HttpResponse.BodyHandlers.discarding());
      latencies.record(System.nanoTime() - t0);
    }
    latencies.stop();
    return latencies.result();
  }
}
