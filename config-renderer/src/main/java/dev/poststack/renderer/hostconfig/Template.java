package dev.poststack.renderer.hostconfig;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Fills {@code {{NAME}}} placeholders. Values come only from validated settings, so nothing is
 * escaped here; an unknown or unfilled placeholder is a programming error and fails at once.
 */
final class Template {
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{([A-Z0-9_]+)}}");

  private Template() {}

  static String fill(String template, Map<String, String> values) {
    Matcher m = PLACEHOLDER.matcher(template);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String value = values.get(m.group(1));
      if (value == null) {
        throw new IllegalStateException("no value for {{" + m.group(1) + "}}");
      }
      m.appendReplacement(out, Matcher.quoteReplacement(value));
    }
    m.appendTail(out);
    if (out.indexOf("{{") >= 0) {
      throw new IllegalStateException("a placeholder is not of the form {{NAME}}");
    }
    return out.toString();
  }
}
