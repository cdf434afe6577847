package dev.poststack.provisioner.rules;

import dev.poststack.values.InvalidValueException;
import java.util.regex.Pattern;

/** The API's external ids ({@code dom_…}, {@code mb_…}): short, URL- and log-safe. */
final class PublicIdForm {
  private static final Pattern FORM = Pattern.compile("[A-Za-z0-9_]{1,64}");

  private PublicIdForm() {}

  static String check(String publicId) {
    if (publicId == null || !FORM.matcher(publicId).matches()) {
      throw new InvalidValueException("publicId", "must be 1 to 64 letters, digits or '_'");
    }
    return publicId;
  }
}
