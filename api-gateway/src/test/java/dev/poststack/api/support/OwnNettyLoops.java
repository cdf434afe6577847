package dev.poststack.api.support;

import java.time.Duration;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.http.client.ReactorResourceFactory;

/**
 * Each test context's web server on event loops of its own. By default every context shares Reactor
 * Netty's global loops, and closing one context (an eviction from the context cache, a
 * {@code @DirtiesContext}) disposes them under the servers and clients of the others still in use:
 * seen as a request that the next test's server handled 30 s late, or an answer its client never
 * got.
 */
@TestConfiguration(proxyBeanMethods = false)
public class OwnNettyLoops {
  @Bean
  ReactorResourceFactory reactorResourceFactory() {
    ReactorResourceFactory factory = new ReactorResourceFactory();
    factory.setUseGlobalResources(false);
    // a test context closes at once: several closing one after another at the JVM's end, each
    // waiting out a quiet period, outlast the time surefire gives a fork to exit
    factory.setShutdownQuietPeriod(Duration.ZERO);
    factory.setShutdownTimeout(Duration.ofSeconds(2));
    return factory;
  }
}
