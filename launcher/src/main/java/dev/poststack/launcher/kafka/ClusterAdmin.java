package dev.poststack.launcher.kafka;

import dev.poststack.launcher.cli.OperatorException;
import dev.poststack.schemas.TopicReplication;
import dev.poststack.schemas.TopicSpec;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.admin.TopicDescription;

/**
 * What an operator or a test asks a running cluster, whoever runs its brokers (child JVMs here,
 * containers elsewhere): its missing topics created, partition leaders, in-sync replicas, live
 * brokers. Each call opens and closes its own admin client with short timeouts, so a cluster with a
 * node down answers quickly.
 */
public final class ClusterAdmin {
  private ClusterAdmin() {}

  static Admin admin(String bootstrapServers) {
    return Admin.create(
        Map.of(
            AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
            AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 3000,
            AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10000));
  }

  /** Creates the topics of {@code catalogue} the cluster lacks; returns the names it created. */
  public static List<String> ensureTopics(
      String bootstrapServers, List<TopicSpec> catalogue, TopicReplication replication) {
    try (Admin admin = admin(bootstrapServers)) {
      return TopicCatalogue.ensure(admin, catalogue, replication);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new OperatorException("interrupted while creating Kafka topics", e);
    } catch (ExecutionException | TimeoutException e) {
      throw new OperatorException("cannot create Kafka topics: " + e.getMessage(), e);
    }
  }

  /** The node id leading {@code partition} of {@code topic} now. */
  public static int leaderOf(String bootstrapServers, String topic, int partition) {
    return describe(bootstrapServers, topic).partitions().get(partition).leader().id();
  }

  /** How many replicas of each partition of {@code topic} are in sync now, by partition. */
  public static Map<Integer, Integer> inSyncReplicas(String bootstrapServers, String topic) {
    return describe(bootstrapServers, topic).partitions().stream()
        .collect(Collectors.toMap(p -> p.partition(), p -> p.isr().size()));
  }

  private static TopicDescription describe(String bootstrapServers, String topic) {
    try (Admin admin = admin(bootstrapServers)) {
      return admin
          .describeTopics(List.of(topic))
          .allTopicNames()
          .get(10, TimeUnit.SECONDS)
          .get(topic);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new OperatorException("interrupted while describing " + topic, e);
    } catch (ExecutionException | TimeoutException e) {
      throw new OperatorException("cannot describe " + topic + ": " + e.getMessage(), e);
    }
  }

  /** Waits until the cluster's metadata lists {@code count} live brokers. */
  public static void awaitBrokers(String bootstrapServers, int count, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    try (Admin admin = admin(bootstrapServers)) {
      while (true) {
        try {
          int live =
              admin
                  .describeCluster(new DescribeClusterOptions().timeoutMs(1000))
                  .nodes()
                  .get(2, TimeUnit.SECONDS)
                  .size();
          if (live == count) {
            return;
          }
        } catch (ExecutionException | TimeoutException notYet) {
          // asked again below until the deadline
        }
        if (System.nanoTime() > deadline) {
          throw new OperatorException(
              "the Kafka cluster did not count " + count + " brokers within " + timeout);
        }
        Thread.sleep(100);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new OperatorException("interrupted while waiting for the Kafka cluster", e);
    }
  }
}
