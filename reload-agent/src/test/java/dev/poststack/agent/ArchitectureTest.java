package dev.poststack.agent;

import static com.tngtech.archunit.lang.conditions.ArchConditions.be;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.time.Clock;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The agent's package map, written down once and checked against the main classes: which package
 * may use which, and which types each package shows to the others (everything else stays
 * package-private). A new package or a new public type fails here until it is placed on the map.
 */
class ArchitectureTest {
  private static final JavaClasses MAIN =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
          .importPackages("dev.poststack.agent");

  /** Each package's API: the only top-level types that are public (bench and launcher use some). */
  private static final Map<String, Set<String>> PUBLIC_API =
      Map.ofEntries(
          Map.entry(
              "dev.poststack.agent",
              Set.of("AgentRuntime", "AgentSettings", "ReloadAgent", "ReloadAgentMain")),
          Map.entry(
              "dev.poststack.agent.mailhost",
              Set.of("MailHost", "MailHostException", "MailHostSettings")),
          Map.entry("dev.poststack.agent.config", Set.of("BaseConfigFiles")),
          Map.entry(
              "dev.poststack.agent.daemon",
              Set.of("Command", "DaemonCommandException", "DaemonControl", "MailDaemons")),
          Map.entry(
              "dev.poststack.agent.report",
              Set.of("AgentProblems", "AppliedStatus", "StatusReporter", "StatusSink")),
          Map.entry("dev.poststack.agent.signing", Set.of("SigningFiles", "SigningPlan")),
          Map.entry(
              "dev.poststack.agent.store",
              Set.of("Durability", "LocalHostStore", "StoreException")),
          Map.entry(
              "dev.poststack.agent.activity",
              Set.of(
                  "ActivityException",
                  "ActivityForwarder",
                  "ActivitySettings",
                  "ActivitySink",
                  "KafkaActivitySink")),
          Map.entry(
              "dev.poststack.agent.reconcile",
              Set.of(
                  "ApplyPlan",
                  "Effects",
                  "EntryRecord",
                  "EntrySource",
                  "EntryStore",
                  "FullRead",
                  "InMemoryEntrySource",
                  "KafkaEntrySource",
                  "KafkaResyncRequests",
                  "Reconciler",
                  "Refusal",
                  "ReloadPacing",
                  "ResyncCheck",
                  "ResyncRequest",
                  "ResyncRequests",
                  "StoreAction",
                  "TopicHorizon")));

  @Test
  void packagesFormNoCycle() {
    // (**): the top-level package and every subpackage are each a slice of their own
    slices().matching("dev.poststack.(**)").should().beFreeOfCycles().check(MAIN);
  }

  /**
   * Plan pure, act at the edge: {@code reconcile} is the core and uses no other agent package; the
   * store and the daemons act on its plans; the mail host assembles config, daemons and a store;
   * only the top-level package wires everything together.
   */
  @Test
  void packagesDependOnlyInTheDirectionsWrittenHere() {
    layeredArchitecture()
        .consideringOnlyDependenciesInLayers()
        .ensureAllClassesAreContainedInArchitecture()
        .layer("wiring")
        .definedBy("dev.poststack.agent")
        .layer("mailhost")
        .definedBy("dev.poststack.agent.mailhost")
        .layer("config")
        .definedBy("dev.poststack.agent.config")
        .layer("daemon")
        .definedBy("dev.poststack.agent.daemon")
        .layer("report")
        .definedBy("dev.poststack.agent.report")
        .layer("signing")
        .definedBy("dev.poststack.agent.signing")
        .layer("store")
        .definedBy("dev.poststack.agent.store")
        .layer("reconcile")
        .definedBy("dev.poststack.agent.reconcile")
        .layer("activity")
        .definedBy("dev.poststack.agent.activity")
        .whereLayer("wiring")
        .mayNotBeAccessedByAnyLayer()
        .whereLayer("mailhost")
        .mayOnlyAccessLayers("config", "daemon", "store", "signing")
        .whereLayer("store")
        .mayOnlyAccessLayers("reconcile")
        .whereLayer("daemon")
        .mayOnlyAccessLayers("reconcile", "signing")
        .whereLayer("signing")
        .mayNotAccessAnyLayer()
        .whereLayer("config")
        .mayNotAccessAnyLayer()
        .whereLayer("report")
        .mayNotAccessAnyLayer()
        .whereLayer("reconcile")
        .mayNotAccessAnyLayer()
        .whereLayer("activity")
        .mayNotAccessAnyLayer()
        .check(MAIN);
  }

  @Test
  void onlyTheTypesListedAsAPackagesApiArePublic() {
    DescribedPredicate<JavaClass> listed =
        DescribedPredicate.describe(
            "listed in PUBLIC_API",
            c -> PUBLIC_API.getOrDefault(c.getPackageName(), Set.of()).contains(c.getSimpleName()));
    classes().that().areTopLevelClasses().and().arePublic().should(be(listed)).check(MAIN);
    classes().that(listed).should().bePublic().check(MAIN);
  }

  /** The activity's decisions (parsing, mapping, planning) are values in, values out. */
  @Test
  void activityDecisionsDoNoIoAndReadNoClock() {
    noClasses()
        .that()
        .resideInAPackage("dev.poststack.agent.activity")
        .and()
        .haveSimpleNameStartingWith("MailLog")
        .or()
        .haveSimpleNameStartingWith("ActivityPlan")
        .or()
        .haveSimpleNameStartingWith("DeliveryRecords")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("java.sql..", "org.sqlite..", "org.apache.kafka..", "java.nio.file..")
        .orShould()
        .dependOnClassesThat()
        .belongToAnyOf(Clock.class, ProcessBuilder.class, Process.class)
        .check(MAIN);
  }

  /**
   * Desired and plan are computed from values; only the Kafka adapters in the package (entries,
   * resync requests) do I/O.
   */
  @Test
  void reconcileCoreDoesNoIoAndReadsNoClock() {
    noClasses()
        .that()
        .resideInAPackage("dev.poststack.agent.reconcile")
        .and()
        .doNotHaveSimpleName("KafkaEntrySource")
        .and()
        .doNotHaveSimpleName("KafkaResyncRequests")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "java.sql..", "org.sqlite..", "org.apache.kafka..", "java.io..", "java.nio.file..")
        .orShould()
        .dependOnClassesThat()
        .belongToAnyOf(Clock.class, ProcessBuilder.class, Process.class)
        .check(MAIN);
  }
}
