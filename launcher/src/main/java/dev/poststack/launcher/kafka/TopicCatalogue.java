package dev.poststack.launcher.kafka;

import dev.poststack.schemas.TopicReplication;
import dev.poststack.schemas.TopicSpec;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * Creates the catalogue's topics that a broker lacks, replicated as the settings say; existing
 * topics are left as they are (changing a live topic's replication is an operator's reassignment).
 */
public final class TopicCatalogue {
  private TopicCatalogue() {}

  /** Returns the names it created (empty when every topic already existed). */
  public static List<String> ensure(
      Admin admin, List<TopicSpec> catalogue, TopicReplication replication)
      throws InterruptedException, ExecutionException, TimeoutException {
    Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
    List<NewTopic> missing =
        catalogue.stream()
            .filter(spec -> !existing.contains(spec.name()))
            .map(
                spec ->
                    new NewTopic(spec.name(), spec.partitions(), replication.factorAsShort())
                        .configs(spec.configs(replication)))
            .toList();
    for (NewTopic topic : missing) {
      try {
        admin.createTopics(List.of(topic)).all().get(30, TimeUnit.SECONDS);
      } catch (ExecutionException e) {
        // another process created it between our list and create: that is the state we want
        if (!(e.getCause() instanceof TopicExistsException)) {
          throw e;
        }
      }
    }
    return missing.stream().map(NewTopic::name).toList();
  }
}
