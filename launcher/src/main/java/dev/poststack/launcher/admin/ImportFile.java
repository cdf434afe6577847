package dev.poststack.launcher.admin;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The rows of an import file as the API's import reads them (one JSON object each): NDJSON as it
 * is, or CSV with a header naming the columns (email, password or password_hash, display_name,
 * quota_bytes, webhook_enabled, aliases separated by spaces or semicolons). The file's own checks
 * stop at its shape; what a row holds is the API's to judge, row by row.
 */
final class ImportFile {
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final Map<String, String> CSV_COLUMNS =
      Map.of(
          "email", "email",
          "password", "password",
          "password_hash", "passwordHash",
          "display_name", "displayName",
          "quota_bytes", "quotaBytes",
          "webhook_enabled", "webhookEnabled",
          "aliases", "aliases");

  private ImportFile() {}

  /** By the name's ending: {@code .csv}, else NDJSON ({@code .ndjson}, {@code .jsonl}, …). */
  static List<String> read(Path file) throws IOException {
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      return name.endsWith(".csv") ? csv(reader) : ndjson(Files.readAllLines(file));
    }
  }

  static List<String> ndjson(List<String> lines) {
    List<String> rows = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i).strip();
      if (line.isEmpty()) {
        continue;
      }
      try {
        JsonNode node = JSON.readTree(line);
        if (!node.isObject()) {
          throw new IllegalArgumentException("line " + (i + 1) + " is not a JSON object");
        }
        rows.add(JSON.writeValueAsString(node));
      } catch (JacksonException e) {
        // never Jackson's text: it may quote the line, and the line may hold a password
        throw new IllegalArgumentException("line " + (i + 1) + " is not valid JSON");
      }
    }
    return rows;
  }

  static List<String> csv(Reader reader) throws IOException {
    CSVFormat format =
        CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).setTrim(true).get();
    List<String> rows = new ArrayList<>();
    var parser = format.parse(reader);
    for (String column : parser.getHeaderNames()) {
      if (!CSV_COLUMNS.containsKey(column.toLowerCase(Locale.ROOT))) {
        throw new IllegalArgumentException(
            "unknown CSV column '"
                + column
                + "' (known: "
                + String.join(", ", CSV_COLUMNS.keySet().stream().sorted().toList())
                + ")");
      }
    }
    for (CSVRecord record : parser) {
      ObjectNode row = JSON.createObjectNode();
      for (var cell : record.toMap().entrySet()) {
        String value = cell.getValue();
        if (value == null || value.isEmpty()) {
          continue;
        }
        String field = CSV_COLUMNS.get(cell.getKey().toLowerCase(Locale.ROOT));
        switch (field) {
          case "quotaBytes" -> {
            try {
              row.put(field, Long.parseLong(value));
            } catch (NumberFormatException e) {
              row.put(field, value); // the API names the field and refuses the row
            }
          }
          case "webhookEnabled" ->
              row.put(
                  field,
                  value.equalsIgnoreCase("true")
                      || value.equals("1")
                      || value.equalsIgnoreCase("yes"));
          case "aliases" -> {
            ArrayNode aliases = row.putArray(field);
            for (String alias : value.split("[\\s;]+")) {
              if (!alias.isEmpty()) {
                aliases.add(alias);
              }
            }
          }
          default -> row.put(field, value);
        }
      }
      rows.add(JSON.writeValueAsString(row));
    }
    return rows;
  }
}
