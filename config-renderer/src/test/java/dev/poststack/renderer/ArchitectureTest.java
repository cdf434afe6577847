package dev.poststack.renderer;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import org.junit.jupiter.api.Test;

/**
 * Values in, bytes out: the renderer's main code is pure, so the API, the provisioner and the agent
 * can all call it and agree byte for byte. The pom keeps frameworks off the classpath; these rules
 * also keep the JDK's I/O, process, environment and clock APIs out of the code.
 */
class ArchitectureTest {
  private static final JavaClasses MAIN =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
          .importPackages("dev.poststack.renderer");

  @Test
  void packagesFormNoCycle() {
    slices().matching("dev.poststack.renderer.(**)").should().beFreeOfCycles().check(MAIN);
  }

  @Test
  void mainCodeUsesNoFrameworkDriverOrMessaging() {
    noClasses()
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "org.springframework..",
            "org.apache.kafka..",
            "io.r2dbc..",
            "java.sql..",
            "javax.sql..",
            "org.sqlite..")
        .check(MAIN);
  }

  /**
   * No files, sockets or processes; no environment or properties ({@code System}); no clock: a
   * rendered file depends on its inputs only, which the golden tests rely on.
   */
  @Test
  void mainCodeDoesNoIoAndReadsNoEnvironmentOrClock() {
    noClasses()
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("java.io..", "java.nio.file..", "java.nio.channels..", "java.net..")
        .orShould()
        .dependOnClassesThat()
        .belongToAnyOf(
            System.class, Runtime.class, Process.class, ProcessBuilder.class, Thread.class)
        .orShould()
        .dependOnClassesThat()
        .belongToAnyOf(
            Clock.class,
            Instant.class,
            LocalDate.class,
            LocalDateTime.class,
            OffsetDateTime.class,
            ZonedDateTime.class)
        .check(MAIN);
  }
}
