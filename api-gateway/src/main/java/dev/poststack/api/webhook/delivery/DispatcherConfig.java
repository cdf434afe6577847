package dev.poststack.api.webhook.delivery;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.poststack.api.platform.ApiProperties;
import dev.poststack.api.webhook.SecretSeal;
import dev.poststack.api.webhook.TargetPolicy;
import dev.poststack.schemas.Topics;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * Wires the dispatcher when it is on ({@code poststack.webhooks.dispatcher-enabled}, default true)
 * and a secret key is set (without it nothing can be signed). It has its own small JDBC pool
 * ({@code poststack.webhooks.connections}) on the database Flyway migrates: its transactions hold
 * row locks across statements, which is plain JDBC's strength, and they never take a connection
 * from the request path.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnExpression(
    "${poststack.webhooks.dispatcher-enabled:true} and '${poststack.webhooks.secret-key:}' != ''")
class DispatcherConfig {

  @Bean(destroyMethod = "close")
  HikariDataSource webhookDataSource(Environment env, ApiProperties properties) {
    HikariConfig c = new HikariConfig();
    c.setPoolName("webhooks");
    c.setJdbcUrl(env.getRequiredProperty("spring.flyway.url"));
    c.setUsername(env.getProperty("spring.flyway.user"));
    c.setPassword(env.getProperty("spring.flyway.password"));
    c.setMaximumPoolSize(Math.max(2, properties.webhooks().connections()));
    c.setMinimumIdle(1);
    c.setConnectionTimeout(10_000);
    return new HikariDataSource(c);
  }

  @Bean
  Dispatcher webhookDispatcher(
      HikariDataSource webhookDataSource, ApiProperties properties, Environment env) {
    ApiProperties.Webhooks s = properties.webhooks();
    SecretSeal seal = SecretSeal.fromBase64(s.secretKey());
    TargetPolicy policy = new TargetPolicy(s.allowPrivateTargets());
    String bootstrap = env.getRequiredProperty("spring.kafka.bootstrap-servers");
    DeliveryQueue queue = new DeliveryQueue(s.retryFor());
    Duration wait = Duration.ofMillis(200);
    return new Dispatcher(
        () -> {
          TargetClient client = new TargetClient(policy, s.connectTimeout(), s.readTimeout());
          // a lease outlives the longest request, so a live sender never loses its claim
          Duration lease = client.deadline().plusSeconds(5);
          var pool = Dispatcher.pool(s.senderThreads());
          Wakeup wakeup = new Wakeup();
          Sender sender =
              new Sender(
                  new SendLog(webhookDataSource, lease, s.disableAfter()),
                  client,
                  seal,
                  new Backoff(s.initialBackoff(), s.maxBackoff()),
                  pool,
                  wakeup,
                  s.senderThreads(),
                  s.perWebhookConcurrency());
          return new Dispatcher.Parts(
              List.of(
                  new TopicSource(
                      Topics.MAILBOX_EVENTS.name(),
                      bootstrap,
                      s.consumerGroup(),
                      s.offsetReset(),
                      webhookDataSource,
                      new MailboxEvents(queue),
                      wait,
                      wakeup::signal),
                  new TopicSource(
                      Topics.MAIL_DELIVERIES.name(),
                      bootstrap,
                      s.consumerGroup(),
                      s.offsetReset(),
                      webhookDataSource,
                      new MailDeliveries(queue),
                      wait,
                      wakeup::signal)),
              new UsageNotices(webhookDataSource, queue),
              sender,
              pool,
              wakeup);
        },
        s.pollInterval());
  }
}
