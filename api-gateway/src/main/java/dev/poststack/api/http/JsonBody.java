package dev.poststack.api.http;

import dev.poststack.api.problem.ApiException;
import dev.poststack.api.problem.FieldError;
import dev.poststack.values.InvalidValueException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import org.springframework.http.HttpStatus;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A request's JSON object, read member by member with every problem collected, so one 422 lists all
 * invalid fields. Type checks are strict (no "12" for 12, no 1.5 for a count); messages never
 * repeat the value, which may be a password.
 */
public final class JsonBody {
  private static final JsonMapper STRICT =
      JsonMapper.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

  private final ObjectNode root;
  private final List<FieldError> errors = new ArrayList<>();

  private JsonBody(ObjectNode root) {
    this.root = root;
  }

  /** An empty body reads as {}; anything but one JSON object is refused. */
  public static JsonBody parse(byte[] bytes) {
    if (bytes.length == 0) {
      return new JsonBody(STRICT.createObjectNode());
    }
    JsonNode node = read(bytes);
    if (node == null || !node.isObject()) {
      throw ApiException.validation("body", "must be a JSON object");
    }
    return new JsonBody((ObjectNode) node);
  }

  /**
   * A list body as one object {@code {member: [...]}}: a JSON array, that object itself, or NDJSON
   * (one object per line, blank lines skipped). At most {@code maxItems} items, each an object;
   * what an item holds is read later, item by item ({@link #of}).
   */
  public static JsonBody parseList(byte[] bytes, boolean ndjson, String member, int maxItems) {
    ArrayNode items = STRICT.createArrayNode();
    if (ndjson) {
      int line = 0;
      int start = 0;
      for (int i = 0; i <= bytes.length; i++) {
        if (i == bytes.length || bytes[i] == '\n') {
          line++;
          String text = new String(bytes, start, i - start, StandardCharsets.UTF_8).strip();
          start = i + 1;
          if (!text.isEmpty()) {
            items.add(readItem(text, "line " + line));
            tooMany(items, member, maxItems);
          }
        }
      }
    } else {
      JsonNode node = read(bytes);
      JsonNode list = node != null && node.isObject() && node.size() == 1 ? node.get(member) : node;
      if (list == null || !list.isArray()) {
        throw ApiException.validation(
            "body", "must be a JSON array, or an object with one member " + member + " (an array)");
      }
      for (JsonNode item : list) {
        if (!item.isObject()) {
          throw ApiException.validation(member + "[" + items.size() + "]", "must be an object");
        }
        items.add(item);
        tooMany(items, member, maxItems);
      }
    }
    if (items.isEmpty()) {
      throw ApiException.validation(member, "must hold at least one item");
    }
    ObjectNode root = STRICT.createObjectNode();
    root.set(member, items);
    return new JsonBody(root);
  }

  /** One item of a list body, read with the same rules; its errors are its own. */
  public static JsonBody of(ObjectNode item) {
    return new JsonBody(item);
  }

  private static JsonNode readItem(String text, String where) {
    JsonNode node;
    try {
      node = STRICT.readTree(text);
    } catch (JacksonException e) {
      throw new ApiException(
          HttpStatus.BAD_REQUEST, "malformed_json", where + " of the body is not valid JSON");
    }
    if (node == null || !node.isObject()) {
      throw ApiException.validation(where, "must be a JSON object");
    }
    return node;
  }

  private static JsonNode read(byte[] bytes) {
    try {
      // Jackson's message may quote the input (a password): say only where it broke.
      return STRICT.readTree(bytes);
    } catch (JacksonException e) {
      throw new ApiException(
          HttpStatus.BAD_REQUEST, "malformed_json", "request body is not valid JSON");
    }
  }

  private static void tooMany(ArrayNode items, String member, int maxItems) {
    if (items.size() > maxItems) {
      throw ApiException.validation(member, "must hold at most " + maxItems + " items");
    }
  }

  /** The problems found so far, without throwing (a list item answers them as its own result). */
  public List<FieldError> errors() {
    return List.copyOf(errors);
  }

  public JsonNode root() {
    return root;
  }

  public boolean isEmpty() {
    return root.isEmpty();
  }

  public boolean has(String name) {
    return root.has(name);
  }

  public JsonBody allowOnly(Set<String> names) {
    for (String name : root.propertyNames()) {
      if (!names.contains(name)) {
        errors.add(new FieldError(name, "is not a known field"));
      }
    }
    return this;
  }

  /** A string member; null when absent, JSON null, or of another type (recorded). */
  public String string(String name, boolean required) {
    JsonNode v = root.get(name);
    if (v == null || v.isNull()) {
      return missing(name, required);
    }
    if (!v.isString()) {
      return fail(name, "must be a string");
    }
    return v.stringValue();
  }

  public Long integer(String name, boolean required) {
    JsonNode v = root.get(name);
    if (v == null || v.isNull()) {
      return missing(name, required);
    }
    if (!v.isIntegralNumber() || !v.canConvertToLong()) {
      return fail(name, "must be an integer");
    }
    return v.longValue();
  }

  public Boolean bool(String name, boolean required) {
    JsonNode v = root.get(name);
    if (v == null || v.isNull()) {
      return missing(name, required);
    }
    if (!v.isBoolean()) {
      return fail(name, "must be true or false");
    }
    return v.booleanValue();
  }

  /** An id member: a positive integer or a string public id with the given prefix. */
  public IdRef ref(String name, String prefix, boolean required) {
    JsonNode v = root.get(name);
    if (v == null || v.isNull()) {
      return missing(name, required);
    }
    if (v.isIntegralNumber() && v.canConvertToLong() && v.longValue() > 0) {
      return IdRef.of(v.longValue());
    }
    if (v.isString()) {
      var ref = IdRef.parse(v.stringValue(), prefix);
      if (ref.isPresent()) {
        return ref.get();
      }
    }
    return fail(name, "must be a positive integer id or a " + prefix + "… id");
  }

  /** Applies a shared value rule; its refusal becomes this field's error. */
  public <T> T value(String name, String raw, Function<String, T> rule) {
    if (raw == null) {
      return null;
    }
    try {
      return rule.apply(raw);
    } catch (InvalidValueException e) {
      return fail(name, e.reason());
    }
  }

  /**
   * Runs a shared value rule on an already-typed member; its refusal becomes this field's error.
   */
  public <T> T check(String name, java.util.function.Supplier<T> rule) {
    try {
      return rule.get();
    } catch (InvalidValueException e) {
      return fail(name, e.reason());
    }
  }

  public <T> T fail(String name, String message) {
    errors.add(new FieldError(name, message));
    return null;
  }

  private <T> T missing(String name, boolean required) {
    return required ? fail(name, "is required") : null;
  }

  /** Throws the collected 422, if any. */
  public void validate() {
    if (!errors.isEmpty()) {
      throw ApiException.validation(errors);
    }
  }
}
