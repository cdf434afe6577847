package dev.poststack.schemas;

import dev.poststack.schemas.host.HostApplyReport;
import java.io.IOException;
import java.nio.ByteBuffer;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.avro.specific.SpecificData;

/**
 * Single-object encoding of the status reports hosts publish on {@link Topics#HOST_STATUS}. Reads
 * every released version ({@code released/HostApplyReport/v<N>.avsc}): hosts are upgraded one by
 * one, so a cluster carries reports of several versions at once, and fields a version lacked take
 * their defaults.
 */
public final class HostReportCodec {
  static final String RECORD = "HostApplyReport";
  private static final BinaryMessageDecoder<HostApplyReport> DECODER;

  static {
    new EventCodec(ReleasedSchemas.load()); // installs the class trust list once
    DECODER =
        new BinaryMessageDecoder<>(
            SpecificData.getForClass(HostApplyReport.class), HostApplyReport.getClassSchema());
    ReleasedSchemas.versionsOf(RECORD).forEach(DECODER::addSchema);
  }

  private HostReportCodec() {}

  public static byte[] encode(HostApplyReport report) {
    try {
      ByteBuffer buffer = HostApplyReport.getEncoder().encode(report);
      byte[] bytes = new byte[buffer.remaining()];
      buffer.get(bytes);
      return bytes;
    } catch (IOException e) {
      throw new IllegalStateException("cannot encode host report", e);
    }
  }

  public static HostApplyReport decode(byte[] bytes) {
    try {
      return DECODER.decode(bytes);
    } catch (IOException | RuntimeException e) {
      throw new UndecodableEventException("not a host report: " + e.getMessage(), e);
    }
  }
}
