package dev.poststack.api.support;

import dev.poststack.api.dns.DnsJavaResolver;
import dev.poststack.api.dns.DnsResolver;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.core.env.Environment;

/** What the end-to-end contexts add: the real provisioner, and a name server the tests fill. */
@TestConfiguration(proxyBeanMethods = false)
public class PipelineConfig {
  /** Domains whose first label starts with this have their MX at the configured mail host. */
  public static final String MX_OK_PREFIX = "mx-ok";

  @Bean
  @ConditionalOnProperty(
      name = "poststack.test.provisioner",
      havingValue = "true",
      matchIfMissing = true)
  ProvisionerRunner provisioner(Environment env) {
    return new ProvisionerRunner(env);
  }

  /**
   * The real resolver asking {@link SharedDns} on loopback; off ({@code
   * poststack.test.shared-dns=false}) where a test configures its own {@code
   * poststack.dns.servers}.
   */
  @Bean
  @Primary
  @ConditionalOnProperty(
      name = "poststack.test.shared-dns",
      havingValue = "true",
      matchIfMissing = true)
  DnsResolver sharedDns() {
    return new DnsJavaResolver(List.of(SharedDns.get().address()), Duration.ofSeconds(2), 2);
  }
}
