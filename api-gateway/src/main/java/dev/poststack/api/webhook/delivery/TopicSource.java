package dev.poststack.api.webhook.delivery;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import javax.sql.DataSource;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns one topic into queued deliveries, at least once: each polled batch's rows commit in one
 * PostgreSQL transaction, and only then are the offsets committed. A crash in between reads the
 * batch again and the (webhook, source) unique key absorbs it. A record the handler cannot decide
 * yet (its audit row is not written) stops its partition there: it is read again after a short
 * wait, so one partition's order holds and nothing behind it overtakes it.
 */
final class TopicSource implements Runnable {
  private static final Logger log = LoggerFactory.getLogger(TopicSource.class);

  interface Handler {
    /** Queues what the record means; false when it cannot be decided yet. */
    boolean handle(Connection c, ConsumerRecord<String, byte[]> record) throws SQLException;

    /** A poll's records are about to be handled, in one transaction of their own. */
    default void pollStarted() {}
  }

  private final String topic;
  private final Properties props;
  private final DataSource db;
  private final Handler handler;
  private final Duration retryWait;
  private final Runnable committed;
  private volatile boolean running = true;
  private volatile KafkaConsumer<String, byte[]> consumer;

  TopicSource(
      String topic,
      String bootstrap,
      String group,
      String offsetReset,
      DataSource db,
      Handler handler,
      Duration retryWait,
      Runnable committed) {
    this.committed = committed;
    this.topic = topic;
    this.db = db;
    this.handler = handler;
    this.retryWait = retryWait;
    this.props = new Properties();
    props.put("bootstrap.servers", bootstrap);
    props.put("group.id", group);
    props.put("enable.auto.commit", "false");
    // a new group starts at the end by default: webhooks are for what happens from now on
    props.put("auto.offset.reset", offsetReset);
    props.put("max.poll.records", "200");
    props.put("key.deserializer", StringDeserializer.class.getName());
    props.put("value.deserializer", ByteArrayDeserializer.class.getName());
  }

  @Override
  public void run() {
    try (KafkaConsumer<String, byte[]> c = new KafkaConsumer<>(props)) {
      consumer = c;
      c.subscribe(List.of(topic));
      while (running) {
        try {
          ConsumerRecords<String, byte[]> records = c.poll(Duration.ofMillis(500));
          if (!records.isEmpty() && !process(c, records)) {
            pause(retryWait);
          }
        } catch (WakeupException e) {
          throw e;
        } catch (RuntimeException e) {
          // e.g. a commit refused after a rebalance: the rows are committed, so the records read
          // again are absorbed by the unique key; the source goes on
          log.warn("webhook source {}: {}; going on", topic, e.toString());
          pause(retryWait);
        }
      }
    } catch (WakeupException e) {
      // stop() woke the poll up
    }
  }

  /** False when something must be read again (a record not decidable yet, a failed commit). */
  private boolean process(
      KafkaConsumer<String, byte[]> c, ConsumerRecords<String, byte[]> records) {
    Map<TopicPartition, OffsetAndMetadata> done = new HashMap<>();
    Map<TopicPartition, Long> rewind = new HashMap<>();
    boolean complete = true;
    try (Connection conn = db.getConnection()) {
      conn.setAutoCommit(false);
      handler.pollStarted();
      try {
        for (TopicPartition p : records.partitions()) {
          for (ConsumerRecord<String, byte[]> r : records.records(p)) {
            if (!handler.handle(conn, r)) {
              rewind.put(p, r.offset());
              complete = false;
              break;
            }
            done.put(p, new OffsetAndMetadata(r.offset() + 1));
          }
        }
        conn.commit();
        committed.run();
      } catch (SQLException | RuntimeException e) {
        conn.rollback();
        throw e;
      }
    } catch (SQLException | RuntimeException e) {
      log.warn("webhook source {}: batch not queued, reading it again: {}", topic, e.toString());
      for (TopicPartition p : records.partitions()) {
        c.seek(p, records.records(p).get(0).offset());
      }
      return false;
    }
    rewind.forEach(c::seek);
    if (!done.isEmpty()) {
      c.commitSync(done);
    }
    return complete;
  }

  private void pause(Duration d) {
    try {
      Thread.sleep(d.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      running = false;
    }
  }

  void stop() {
    running = false;
    KafkaConsumer<String, byte[]> c = consumer;
    if (c != null) {
      c.wakeup();
    }
  }
}
