package dev.poststack.schemas;

import dev.poststack.schemas.host.HostApplyReport;
import java.io.IOException;
import java.nio.ByteBuffer;

/** Single-object encoding of the status reports hosts publish on {@link Topics#HOST_STATUS}. */
public final class HostReportCodec {
  static {
    new EventCodec(ReleasedSchemas.load()); // installs the class trust list once
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
      return HostApplyReport.getDecoder().decode(bytes);
    } catch (IOException | RuntimeException e) {
      throw new UndecodableEventException("not a host report: " + e.getMessage(), e);
    }
  }
}
