package dev.poststack.api.support;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The context the webhook tests share: the API, the real provisioner and the dispatcher, which may
 * send to loopback receivers, retries within a short window (100 ms doubling to 400 ms, for 3 s),
 * and reads its topics from the beginning of this context's own broker.
 */
@EmbeddedKafka(
    partitions = 3,
    topics = {
      "poststack.mailbox-events",
      "poststack.mailbox-events.dlt",
      "poststack.control-records",
      "poststack.mail-deliveries"
    })
@TestPropertySource(
    properties = {
      "poststack.webhooks.dispatcher-enabled=true",
      "poststack.webhooks.allow-private-targets=true",
      "poststack.webhooks.initial-backoff=100ms",
      "poststack.webhooks.max-backoff=400ms",
      "poststack.webhooks.retry-for=3s",
      "poststack.webhooks.connect-timeout=1s",
      "poststack.webhooks.read-timeout=2s",
      "poststack.webhooks.poll-interval=100ms",
      "poststack.webhooks.disable-after=1000",
      "poststack.webhooks.offset-reset=earliest",
      "poststack.webhooks.connections=2"
    })
public abstract class WebhooksIT extends ApiIT {
  protected static final JsonMapper JSON = JsonMapper.builder().build();

  protected static JsonNode json(byte[] body) {
    return JSON.readTree(body);
  }

  protected static JsonNode json(String body) {
    return JSON.readTree(body);
  }

  /** POST /webhooks as the SDK does; the answer's JSON. */
  protected JsonNode createWebhook(Api api, String url, List<String> events) {
    return createWebhook(api, Map.of("url", url, "events", events));
  }

  protected JsonNode createWebhook(Api api, Map<String, Object> body) {
    byte[] answer =
        api.post("/webhooks", body)
            .expectStatus()
            .isCreated()
            .expectBody()
            .returnResult()
            .getResponseBody();
    return json(answer);
  }

  protected static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  protected void produce(String topic, String key, byte[] value) {
    Properties p = new Properties();
    p.put("bootstrap.servers", broker.getBrokersAsString());
    p.put("key.serializer", StringSerializer.class.getName());
    p.put("value.serializer", ByteArraySerializer.class.getName());
    p.put("acks", "all");
    try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(p)) {
      producer.send(new ProducerRecord<>(topic, key, value)).get();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** Rows of a query, each as its columns' values. */
  protected static List<List<Object>> rows(String sql, Object... params) {
    try (Connection c = DB.connect();
        PreparedStatement s = c.prepareStatement(sql)) {
      for (int i = 0; i < params.length; i++) {
        s.setObject(i + 1, params[i]);
      }
      List<List<Object>> out = new ArrayList<>();
      try (ResultSet r = s.executeQuery()) {
        int n = r.getMetaData().getColumnCount();
        while (r.next()) {
          List<Object> row = new ArrayList<>();
          for (int i = 1; i <= n; i++) {
            row.add(r.getObject(i));
          }
          out.add(row);
        }
      }
      return out;
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  protected static int update(String sql, Object... params) {
    try (Connection c = DB.connect();
        PreparedStatement s = c.prepareStatement(sql)) {
      for (int i = 0; i < params.length; i++) {
        s.setObject(i + 1, params[i]);
      }
      return s.executeUpdate();
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }
}
