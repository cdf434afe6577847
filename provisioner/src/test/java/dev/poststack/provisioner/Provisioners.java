package dev.poststack.provisioner;

import dev.poststack.testing.TestDatabase;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/** Starts the provisioner the way the launcher does: the main class plus standard properties. */
public final class Provisioners {
  private Provisioners() {}

  public static ConfigurableApplicationContext start(
      String brokers, TestDatabase db, String group, String... extraProperties) {
    List<String> properties = new ArrayList<>(standardProperties(brokers, db, group));
    properties.addAll(List.of(extraProperties));
    return new SpringApplicationBuilder(ProvisionerApplication.class)
        .web(WebApplicationType.NONE)
        .properties(properties.toArray(String[]::new))
        .run();
  }

  public static List<String> standardProperties(String brokers, TestDatabase db, String group) {
    return List.of(
        "spring.kafka.bootstrap-servers=" + brokers,
        "spring.r2dbc.url=" + db.r2dbcUrl(),
        "spring.r2dbc.username=" + db.user(),
        "spring.r2dbc.password=" + db.password(),
        "spring.flyway.url=" + db.jdbcUrl(),
        "spring.flyway.user=" + db.user(),
        "spring.flyway.password=" + db.password(),
        "poststack.provisioner.group-id=" + group,
        "spring.main.banner-mode=off");
  }
}
