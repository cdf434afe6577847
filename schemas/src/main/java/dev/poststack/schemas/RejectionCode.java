package dev.poststack.schemas;

/**
 * Why the provisioner refused an event. The code is stored in the audit log and becomes the API
 * error's stable {@code code}; the API maps it to a status (409 for taken/in use, 404 for missing,
 * 500 for {@link #APPLY_FAILED}, 422 otherwise).
 */
public enum RejectionCode {
  ADDRESS_TAKEN("address_taken"),
  DOMAIN_NAME_TAKEN("domain_name_taken"),
  DOMAIN_IN_USE("domain_in_use"),
  DOMAIN_NOT_FOUND("domain_not_found"),
  DOMAIN_NOT_VERIFIED("domain_not_verified"),
  DOMAIN_INBOUND_DISABLED("domain_inbound_disabled"),
  MAILBOX_NOT_FOUND("mailbox_not_found"),
  ALIAS_NOT_FOUND("alias_not_found"),
  DESTINATION_NOT_FOUND("destination_not_found"),
  ALIAS_SHADOWS_MAILBOX("alias_shadows_mailbox"),
  ALIAS_POINTS_TO_ITSELF("alias_points_to_itself"),
  ID_CONFLICT("id_conflict"),
  VALIDATION_ERROR("validation_error"),
  /** A create would take the team past one of its limits (the message names it and its value). */
  LIMIT_REACHED("limit_reached"),
  /** A {@code DomainExpired} found the domain verified meanwhile: it stays. */
  DOMAIN_VERIFIED("domain_verified"),
  /**
   * Not a verdict on the request: the provisioner failed to apply the event, attempt after attempt,
   * while its database could still record this refusal (a bug, a value it cannot store). The API
   * answers 500; a retry is a new event.
   */
  APPLY_FAILED("apply_failed"),

  /**
   * A DKIM rotation step that does not fit the domain's keys now: a second rotation while one is
   * staged, or an activation, cancellation or retirement of a selector not in that state.
   */
  DKIM_ROTATION_CONFLICT("dkim_rotation_conflict");

  private final String code;

  RejectionCode(String code) {
    this.code = code;
  }

  public String code() {
    return code;
  }

  public static RejectionCode fromCode(String code) {
    for (RejectionCode c : values()) {
      if (c.code.equals(code)) {
        return c;
      }
    }
    throw new IllegalArgumentException("unknown rejection code " + code);
  }
}
