package dev.poststack.api.support;

import dev.poststack.api.domain.MxResolver;
import java.util.List;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.core.env.Environment;

/** What the end-to-end contexts add: the real provisioner, and DNS answers the tests choose. */
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

  /** Off ({@code poststack.test.fake-mx=false}) where a test asks real name servers. */
  @Bean
  @Primary
  @ConditionalOnProperty(
      name = "poststack.test.fake-mx",
      havingValue = "true",
      matchIfMissing = true)
  MxResolver testMx() {
    return name ->
        name.startsWith(MX_OK_PREFIX)
            ? List.of("mail.poststack.local")
            : List.of("mx.elsewhere.example");
  }
}
