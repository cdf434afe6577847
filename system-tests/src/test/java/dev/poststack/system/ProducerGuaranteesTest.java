package dev.poststack.system;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaCall.Predicates.target;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.assignableTo;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.belongToAnyOf;
import static com.tngtech.archunit.core.domain.properties.HasOwner.Predicates.With.owner;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import dev.poststack.admin.OperatorEvents;
import dev.poststack.admin.host.HostRemoval;
import dev.poststack.agent.activity.KafkaActivitySink;
import dev.poststack.agent.report.StatusReporter;
import dev.poststack.provisioner.host.HostEntryProducer;
import dev.poststack.provisioner.host.HostResyncRequests;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;

/**
 * Every Kafka producer in the shipped code of every module is one whose settings were reviewed for
 * {@code acks=all} and idempotence (issue 13): a new one fails here until it is added to this list,
 * which is the moment to check it. The API's producer comes from Spring Boot's factory, with its
 * guarantees forced by api-gateway's {@code DurableProducer} (DurableProducerTest); the
 * provisioner's dead-letter factory is built in its {@code KafkaWiring}.
 */
class ProducerGuaranteesTest {
  private static final JavaClasses SHIPPED =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("dev.poststack");

  @Test
  void onlyReviewedClassesMakeKafkaProducers() throws Exception {
    noClasses()
        .that(
            not(
                belongToAnyOf(
                    HostEntryProducer.class, // acks=all, idempotent
                    HostResyncRequests.class, // acks=all, idempotent
                    Class.forName(
                        "dev.poststack.provisioner.app.KafkaWiring"), // dead letters: same
                    OperatorEvents.class, // acks=all, idempotent
                    KafkaActivitySink.class, // acks=all, idempotent
                    HostRemoval.class, // the removal tombstone: acks=all, idempotent
                    // acks=all; idempotent by Kafka's default with acks=all (a latest-wins report)
                    StatusReporter.class)))
        .should()
        .callConstructorWhere(
            target(
                owner(
                    assignableTo(KafkaProducer.class)
                        .or(assignableTo(DefaultKafkaProducerFactory.class)))))
        .because("a producer whose records must not be lost uses acks=all and idempotence")
        .check(SHIPPED);
  }
}
