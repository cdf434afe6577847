package dev.poststack.api.webhook.delivery;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The SDK's {@code InboundAddress} ({@code {address, name}}) from the header values a host
 * forwards: {@code "Name" <a@b>}, {@code Name <a@b>} or a bare {@code a@b}. A value with no address
 * in it is left out rather than guessed at.
 */
final class AddressList {
  private AddressList() {}

  static List<Map<String, Object>> parse(List<? extends CharSequence> values) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (CharSequence raw : values) {
      Map<String, Object> one = parseOne(raw.toString().strip());
      if (one != null) {
        out.add(one);
      }
    }
    return out;
  }

  static Map<String, Object> parseOne(String value) {
    String address;
    String name = null;
    int lt = value.lastIndexOf('<');
    int gt = value.lastIndexOf('>');
    if (lt >= 0 && gt > lt) {
      address = value.substring(lt + 1, gt).strip();
      String display = value.substring(0, lt).strip();
      if (display.length() >= 2 && display.startsWith("\"") && display.endsWith("\"")) {
        display = display.substring(1, display.length() - 1).replace("\\\"", "\"");
      }
      name = display.isEmpty() ? null : display;
    } else {
      address = value;
    }
    if (address.isEmpty() || address.indexOf('@') <= 0 || address.contains(" ")) {
      return null;
    }
    Map<String, Object> one = new LinkedHashMap<>();
    one.put("address", address);
    one.put("name", name);
    return one;
  }
}
