package dev.poststack.dashboard;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The dashboard knows the API only as an HTTP client does, like the SDK: nothing of the API's code,
 * the control plane's, the database's or Kafka's, so it can need nothing the public API lacks.
 */
class ArchitectureTest {
  private static final JavaClasses CLASSES =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("dev.poststack.dashboard");

  @Test
  void usesNothingButThePublicApiOverHttp() {
    noClasses()
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "dev.poststack.api..",
            "dev.poststack.controlplane..",
            "dev.poststack.schemas..",
            "org.springframework.r2dbc..",
            "io.r2dbc..",
            "org.apache.kafka..",
            "java.sql..")
        .check(CLASSES);
  }

  @Test
  void packagesFormNoCycles() {
    slices().matching("dev.poststack.dashboard.(*)..").should().beFreeOfCycles().check(CLASSES);
  }
}
