package dev.poststack.system.support;

import dev.poststack.api.domain.MxResolver;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;

/**
 * DNS as the tests need it: every domain's MX is the test mail host, so {@code POST
 * /domains/:id/verify} succeeds through the REST API as it would once a customer set the record.
 */
@Configuration(proxyBeanMethods = false)
public class TestDns {
  @Bean
  @Primary
  MxResolver everyDomainPointsAtTheTestMailHost() {
    return name -> List.of(SystemStack.MAIL_HOSTNAME);
  }
}
