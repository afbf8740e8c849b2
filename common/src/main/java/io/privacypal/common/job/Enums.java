package io.privacypal.common.job;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

final class Enums {
  private Enums() {}

  /** Case-insensitive lookup whose error names the field and the accepted values. */
  static <E extends Enum<E>> E parse(Class<E> type, String text, String field) {
    if (text == null) {
      return null;
    }
    for (E value : type.getEnumConstants()) {
      if (value.name().equalsIgnoreCase(text.trim())) {
        return value;
      }
    }
    String accepted =
        Arrays.stream(type.getEnumConstants())
            .map(e -> e.name().toLowerCase(Locale.ROOT))
            .collect(Collectors.joining(", "));
    throw new InvalidJobOptionsException(
        "unknown " + field + " '" + text + "': use one of " + accepted);
  }
}
