package dev.poststack.api.outcome;

import static org.assertj.core.api.Assertions.assertThat;

import dev.poststack.schemas.RejectionCode;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class RejectionsTest {

  private static int status(RejectionCode code) {
    return Rejections.toException(new Outcome.Rejected(UUID.randomUUID(), code.code(), "why"))
        .status()
        .value();
  }

  @Test
  void mapsEveryProvisionerRejectionToItsStatusAndKeepsItsCode() {
    for (RejectionCode code : RejectionCode.values()) {
      int expected =
          switch (code) {
            case ADDRESS_TAKEN,
                DOMAIN_NAME_TAKEN,
                DOMAIN_IN_USE,
                ID_CONFLICT,
                DKIM_ROTATION_CONFLICT ->
                409;
            case DOMAIN_NOT_FOUND, MAILBOX_NOT_FOUND, ALIAS_NOT_FOUND, DESTINATION_NOT_FOUND -> 404;
            case APPLY_FAILED -> 500;
            default -> 422;
          };
      assertThat(status(code)).as(code.code()).isEqualTo(expected);
    }
    assertThat(
            Rejections.toException(new Outcome.Rejected(UUID.randomUUID(), "address_taken", "x"))
                .code())
        .isEqualTo("address_taken");
  }
}
