package dev.poststack.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import dev.poststack.schemas.event.Envelope;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.SchemaValidationException;
import org.apache.avro.SchemaValidatorBuilder;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every released schema stays readable. To release a changed schema, run this test with {@code
 * -Dschemas.release=true}: it writes the current schema and a sample record written with it as the
 * next version under src/main/resources.
 */
class SchemaEvolutionTest {
  private static final Path RELEASE_DIR = Path.of("src/main/resources" + ReleasedSchemas.ROOT);

  private final ReleasedSchemas released = ReleasedSchemas.load();
  private final EventCodec codec = new EventCodec(released);

  @ParameterizedTest
  @EnumSource(EventType.class)
  void currentSchemaIsReleased(EventType type) throws IOException {
    if (Boolean.getBoolean("schemas.release")) {
      releaseIfNew(type);
      return;
    }
    long current = SchemaNormalization.parsingFingerprint64(type.currentSchema());
    assertThat(released.of(type))
        .as("%s changed without a release: run with -Dschemas.release=true", type.eventName())
        .anyMatch(s -> SchemaNormalization.parsingFingerprint64(s) == current);
  }

  @ParameterizedTest
  @EnumSource(EventType.class)
  void currentSchemaCanReadEveryReleasedSchema(EventType type) throws SchemaValidationException {
    List<Schema> versions = released.of(type);
    assertThat(versions).isNotEmpty();
    new SchemaValidatorBuilder()
        .canReadStrategy()
        .validateAll()
        .validate(type.currentSchema(), versions);
  }

  @ParameterizedTest
  @EnumSource(EventType.class)
  void dataWrittenWithEveryReleasedSchemaDecodes(EventType type) throws IOException {
    for (int v = 1; v <= released.of(type).size(); v++) {
      String sample = ReleasedSchemas.ROOT + type.eventName() + "/v" + v + ".sample.bin";
      try (InputStream in = getClass().getResourceAsStream(sample)) {
        assertThat(in).as("sample for %s v%d", type.eventName(), v).isNotNull();
        SpecificRecord decoded = codec.decode(in.readAllBytes());
        assertThat(decoded).isInstanceOf(type.recordClass());
        assertThat(Events.envelope(decoded).getEventId()).isNotNull();
      }
    }
  }

  /** Event types released before the envelope gained clientRequestId (DomainExpired came after). */
  static java.util.stream.Stream<EventType> typesOlderThanTheClientRequestId() {
    ReleasedSchemas all = ReleasedSchemas.load();
    return java.util.Arrays.stream(EventType.values())
        .filter(
            t ->
                all.of(t).get(0).getField("envelope").schema().getField("clientRequestId") == null);
  }

  @ParameterizedTest
  @org.junit.jupiter.params.provider.MethodSource("typesOlderThanTheClientRequestId")
  void eventsWrittenBeforeTheClientRequestIdDecodeWithoutOne(EventType type) throws IOException {
    String v1 = ReleasedSchemas.ROOT + type.eventName() + "/v1.sample.bin";
    try (InputStream in = getClass().getResourceAsStream(v1)) {
      Envelope envelope = Events.envelope(codec.decode(in.readAllBytes()));
      assertThat(envelope.getRequestId()).isEqualTo("req_sample");
      assertThat(envelope.getClientRequestId()).isNull();
    }
  }

  /**
   * Every released version of every event, old and new: one whose envelope had no origin yet
   * decodes with none (its data says nothing of where it came from), one that had it keeps it.
   */
  @ParameterizedTest
  @EnumSource(EventType.class)
  void eventsWrittenBeforeTheOriginDecodeWithNoneAndLaterOnesKeepIt(EventType type)
      throws IOException {
    List<Schema> versions = released.of(type);
    for (int v = 1; v <= versions.size(); v++) {
      boolean hadOrigin =
          versions.get(v - 1).getField("envelope").schema().getField("sourceIp") != null;
      String sample = ReleasedSchemas.ROOT + type.eventName() + "/v" + v + ".sample.bin";
      try (InputStream in = getClass().getResourceAsStream(sample)) {
        Envelope envelope = Events.envelope(codec.decode(in.readAllBytes()));
        assertThat(envelope.getSourceIp())
            .as("%s v%d", type.eventName(), v)
            .isEqualTo(hadOrigin ? "192.0.2.10" : null);
        assertThat(envelope.getUserAgent())
            .as("%s v%d", type.eventName(), v)
            .isEqualTo(hadOrigin ? "poststack-sdk/1.2" : null);
      }
    }
  }

  private void releaseIfNew(EventType type) throws IOException {
    long current = SchemaNormalization.parsingFingerprint64(type.currentSchema());
    List<Schema> versions = released.of(type);
    if (versions.stream().anyMatch(s -> SchemaNormalization.parsingFingerprint64(s) == current)) {
      return;
    }
    Path dir = RELEASE_DIR.resolve(type.eventName());
    Files.createDirectories(dir);
    int next = versions.size() + 1;
    Files.writeString(
        dir.resolve("v" + next + ".avsc"), type.currentSchema().toString(true) + "\n");
    Files.write(dir.resolve("v" + next + ".sample.bin"), codec.encode(SampleEvents.of(type)));
  }
}
