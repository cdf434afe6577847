package dev.poststack.schemas;

import dev.poststack.schemas.host.HostResyncRequest;
import dev.poststack.schemas.host.MailDelivered;
import dev.poststack.schemas.host.MailboxActivity;
import java.io.IOException;
import java.nio.ByteBuffer;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.avro.message.BinaryMessageEncoder;

/**
 * Single-object encoding of what mail hosts send besides their status: {@link MailboxActivity} on
 * {@link Topics#HOST_ACTIVITY} and {@link MailDelivered} on {@link Topics#MAIL_DELIVERIES}; and
 * what the control plane sends them: {@link HostResyncRequest} on {@link Topics#HOST_COMMANDS}.
 */
public final class HostRecordCodec {
  static {
    new EventCodec(ReleasedSchemas.load()); // installs the class trust list once
  }

  private HostRecordCodec() {}

  public static byte[] encode(MailboxActivity activity) {
    return encode(MailboxActivity.getEncoder(), activity, "mailbox activity");
  }

  public static MailboxActivity decodeActivity(byte[] bytes) {
    return decode(MailboxActivity.getDecoder(), bytes, "mailbox activity");
  }

  public static byte[] encode(MailDelivered delivery) {
    return encode(MailDelivered.getEncoder(), delivery, "mail delivery");
  }

  public static MailDelivered decodeDelivery(byte[] bytes) {
    return decode(MailDelivered.getDecoder(), bytes, "mail delivery");
  }

  public static byte[] encode(HostResyncRequest request) {
    return encode(HostResyncRequest.getEncoder(), request, "host resync request");
  }

  public static HostResyncRequest decodeResyncRequest(byte[] bytes) {
    return decode(HostResyncRequest.getDecoder(), bytes, "host resync request");
  }

  private static <T> byte[] encode(BinaryMessageEncoder<T> encoder, T value, String what) {
    try {
      ByteBuffer buffer = encoder.encode(value);
      byte[] bytes = new byte[buffer.remaining()];
      buffer.get(bytes);
      return bytes;
    } catch (IOException e) {
      throw new IllegalStateException("cannot encode " + what, e);
    }
  }

  private static <T> T decode(BinaryMessageDecoder<T> decoder, byte[] bytes, String what) {
    try {
      return decoder.decode(bytes);
    } catch (IOException | RuntimeException e) {
      throw new UndecodableEventException("not a " + what + ": " + e.getMessage(), e);
    }
  }
}
