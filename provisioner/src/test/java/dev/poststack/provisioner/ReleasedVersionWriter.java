package dev.poststack.provisioner;

import dev.poststack.schemas.EventCodec;
import dev.poststack.schemas.EventType;
import dev.poststack.schemas.ReleasedSchemas;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.specific.SpecificRecord;

/**
 * Writes an event as a producer of an older release did: the bytes an API of that version put on
 * the topic (single-object encoding with that version's fingerprint), so a test can fill the log
 * with old and new data side by side. The event is projected onto the old schema by Avro's own
 * schema resolution: fields the old version did not have are simply not written.
 */
final class ReleasedVersionWriter {
  private final ReleasedSchemas released = ReleasedSchemas.load();
  private final EventCodec current = new EventCodec();

  /** The event's bytes as version {@code version} (1-based) of its schema writes them. */
  byte[] encode(SpecificRecord event, int version) {
    EventType type = EventType.of(event);
    Schema old = released.of(type).get(version - 1);
    try {
      byte[] single = current.encode(event);
      // single-object encoding: 2 magic bytes and an 8-byte fingerprint before the body
      byte[] body = Arrays.copyOfRange(single, 10, single.length);
      GenericRecord projected =
          new GenericDatumReader<GenericRecord>(type.currentSchema(), old, GenericData.get())
              .read(null, DecoderFactory.get().binaryDecoder(body, null));
      ByteBuffer encoded =
          new BinaryMessageEncoder<GenericRecord>(GenericData.get(), old).encode(projected);
      byte[] bytes = new byte[encoded.remaining()];
      encoded.get(bytes);
      return bytes;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Whether that version's envelope already had the request's origin. */
  boolean hasOrigin(SpecificRecord event, int version) {
    Schema old = released.of(EventType.of(event)).get(version - 1);
    return old.getField("envelope").schema().getField("sourceIp") != null;
  }
}
