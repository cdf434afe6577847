package dev.poststack.agent.mailhost;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.poststack.values.InvalidValueException;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MailHostSettingsTest {

  @Test
  void routesSendChosenDomainsToAFixedNextHopEvenOnADevHost() {
    var settings =
        MailHostSettings.from(
            Map.of("POSTSTACK_MAILHOST_ROUTES", "remote.test=127.0.0.1:2525, b.test=10.0.0.5:25"),
            Path.of("/tmp/host"));
    assertThat(settings.outboundDelivery()).isFalse();
    assertThat(settings.routes())
        .extracting(r -> r.domain().value() + "=" + r.host().value() + ":" + r.port())
        .containsExactly("remote.test=127.0.0.1:2525", "b.test=10.0.0.5:25");
    assertThat(MailHostSettings.from(Map.of(), Path.of("/tmp/host")).routes()).isEmpty();
  }

  @Test
  void aMalformedRouteIsRefusedNamingTheSetting() {
    for (String bad :
        new String[] {"remote.test", "remote.test=127.0.0.1", "=1.2.3.4:25", "a.test=1.2.3.4:x"}) {
      assertThatThrownBy(() -> MailHostSettings.routes(bad))
          .isInstanceOf(InvalidValueException.class)
          .hasMessageContaining("POSTSTACK_MAILHOST_ROUTES");
    }
  }
}
