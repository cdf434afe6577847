package dev.poststack.provisioner.app;

import dev.poststack.values.mailbox.PasswordSchemes;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The bounds events are held to, from settings (see the provisioner README). */
@Configuration(proxyBeanMethods = false)
class PolicyWiring {

  @Bean
  PasswordSchemes passwordSchemes(
      @Value(
              "${poststack.provisioner.password-schemes:SHA512-CRYPT,SHA256-CRYPT,BLF-CRYPT,ARGON2ID}")
          String schemes,
      @Value("${poststack.provisioner.password-max-rounds:100000}") int maxRounds) {
    return PasswordSchemes.parse(schemes, maxRounds);
  }
}
