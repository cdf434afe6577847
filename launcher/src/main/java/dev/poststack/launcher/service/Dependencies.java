package dev.poststack.launcher.service;

import dev.poststack.launcher.cli.OperatorException;
import dev.poststack.launcher.postgres.PostgresEndpoint;
import dev.poststack.launcher.postgres.PostgresProvider;
import dev.poststack.launcher.postgres.RunningPostgres;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.common.KafkaException;

/**
 * Waits for the PostgreSQL and the Kafka a service runs against. Containers start in any order and
 * restart on their own; a service that waits a while, then fails in one line, beats one that dies
 * at once inside Spring with a page of stack trace.
 */
final class Dependencies {
  private static final long RETRY_MILLIS = 500;

  private Dependencies() {}

  /** The service's database, created when absent, once the server answers. */
  static PostgresEndpoint postgres(ServiceEnv env) throws InterruptedException {
    long deadline = System.nanoTime() + env.startupWait().toNanos();
    while (true) {
      try (RunningPostgres pg = new PostgresProvider(env.postgres()).provide()) {
        return pg.endpoint();
      } catch (OperatorException e) {
        if (System.nanoTime() > deadline) {
          throw new OperatorException(e.getMessage() + waited(env.startupWait()), e);
        }
      } catch (Exception e) {
        // a local server's handle closes without error; nothing else is thrown here
        throw new OperatorException("PostgreSQL: " + e.getMessage(), e);
      }
      Thread.sleep(RETRY_MILLIS);
    }
  }

  /** Returns once a broker of {@code bootstrap} answers a describeCluster request. */
  static void kafka(ServiceEnv env) throws InterruptedException {
    long deadline = System.nanoTime() + env.startupWait().toNanos();
    Map<String, Object> config =
        Map.of(
            AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, env.kafkaBootstrap(),
            AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2000,
            AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 3000,
            AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 1000);
    while (true) {
      // a fresh client each time: one whose broker names did not resolve yet (a container still
      // starting) cannot be created at all
      try (Admin admin = Admin.create(config)) {
        admin
            .describeCluster(new DescribeClusterOptions().timeoutMs(2000))
            .nodes()
            .get(3, TimeUnit.SECONDS);
        return;
      } catch (ExecutionException | TimeoutException | KafkaException notYet) {
        if (System.nanoTime() > deadline) {
          throw new OperatorException(
              "Kafka does not answer at "
                  + env.kafkaBootstrap()
                  + " (POSTSTACK_KAFKA_BOOTSTRAP): "
                  + rootMessage(notYet)
                  + waited(env.startupWait()),
              notYet);
        }
        Thread.sleep(RETRY_MILLIS);
      }
    }
  }

  private static String rootMessage(Throwable t) {
    Throwable root = t;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root.getClass().getSimpleName()
        + (root.getMessage() == null ? "" : " " + root.getMessage());
  }

  private static String waited(Duration wait) {
    return " (waited " + wait.toSeconds() + " s, POSTSTACK_STARTUP_WAIT_SECONDS)";
  }
}
