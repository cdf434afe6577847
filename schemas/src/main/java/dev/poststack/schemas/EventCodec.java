package dev.poststack.schemas;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.HashMap;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;
import org.apache.avro.util.ClassSecurityValidator;

/**
 * Avro single-object encoding (C3 01, 8-byte schema fingerprint, body) for every event. Decodes
 * data written with any released schema into the current generated class.
 */
public final class EventCodec {
  private static final byte[] MAGIC = {(byte) 0xC3, 0x01};
  private static final int HEADER_LENGTH = 10;

  static {
    // Avro 1.12.2 refuses to instantiate classes outside its trust list unless told otherwise.
    ClassSecurityValidator.setGlobal(
        ClassSecurityValidator.composite(
            ClassSecurityValidator.getGlobal(),
            c -> c.getName().startsWith("dev.poststack.schemas.")));
  }

  private final Map<Long, BinaryMessageDecoder<SpecificRecord>> decoders = new HashMap<>();
  private final Map<Long, EventType> typesByFingerprint = new HashMap<>();
  private final Map<EventType, BinaryMessageEncoder<SpecificRecord>> encoders = new HashMap<>();

  public EventCodec() {
    this(ReleasedSchemas.load());
  }

  public EventCodec(ReleasedSchemas released) {
    for (EventType type : EventType.values()) {
      BinaryMessageDecoder<SpecificRecord> decoder =
          new BinaryMessageDecoder<>(SpecificData.get(), type.currentSchema());
      register(type, type.currentSchema(), decoder);
      for (Schema old : released.of(type)) {
        decoder.addSchema(old);
        register(type, old, decoder);
      }
      encoders.put(type, new BinaryMessageEncoder<>(SpecificData.get(), type.currentSchema()));
    }
  }

  private void register(
      EventType type, Schema schema, BinaryMessageDecoder<SpecificRecord> decoder) {
    long fp = SchemaNormalization.parsingFingerprint64(schema);
    decoders.put(fp, decoder);
    typesByFingerprint.put(fp, type);
  }

  public byte[] encode(SpecificRecord event) {
    try {
      ByteBuffer buffer = encoders.get(EventType.of(event)).encode(event);
      byte[] bytes = new byte[buffer.remaining()];
      buffer.get(bytes);
      return bytes;
    } catch (IOException e) {
      throw new IllegalStateException("cannot encode " + event.getClass().getSimpleName(), e);
    }
  }

  /**
   * @throws UndecodableEventException for anything that is not a known event.
   */
  public SpecificRecord decode(byte[] bytes) {
    long fingerprint = fingerprintOf(bytes);
    BinaryMessageDecoder<SpecificRecord> decoder = decoders.get(fingerprint);
    if (decoder == null) {
      throw new UndecodableEventException(
          "unknown schema fingerprint " + Long.toHexString(fingerprint));
    }
    try {
      return decoder.decode(bytes);
    } catch (IOException | RuntimeException e) {
      throw new UndecodableEventException(
          "corrupt "
              + typesByFingerprint.get(fingerprint).eventName()
              + " record: "
              + e.getMessage(),
          e);
    }
  }

  private static long fingerprintOf(byte[] bytes) {
    if (bytes == null
        || bytes.length < HEADER_LENGTH
        || bytes[0] != MAGIC[0]
        || bytes[1] != MAGIC[1]) {
      throw new UndecodableEventException("not an Avro single-object encoded record");
    }
    return ByteBuffer.wrap(bytes, 2, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
  }
}
