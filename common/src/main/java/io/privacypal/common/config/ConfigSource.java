package io.privacypal.common.config;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Settings by name ({@code PRIVACYPAL_HTTP_PORT}): the environment, overlaid by the launcher with
 * the command-line flags that answer for them (see {@link #variableFor}).
 */
public final class ConfigSource {
  private static final String PREFIX = "PRIVACYPAL_";

  private final Map<String, String> values;

  private ConfigSource(Map<String, String> values) {
    this.values = Map.copyOf(values);
  }

  public static ConfigSource fromEnvironment() {
    return of(System.getenv());
  }

  public static ConfigSource of(Map<String, String> values) {
    return new ConfigSource(values);
  }

  /**
   * The one naming rule between flags and variables: {@code --http-port} (or {@code http-port})
   * answers for {@code PRIVACYPAL_HTTP_PORT}, {@code --aws-region} for {@code AWS_REGION}.
   */
  public static String variableFor(String flag) {
    String name = flag.startsWith("--") ? flag.substring(2) : flag;
    String upper = name.toUpperCase(Locale.ROOT).replace('-', '_');
    return upper.startsWith("AWS_") || upper.startsWith(PREFIX) ? upper : PREFIX + upper;
  }

  public ConfigSource with(String name, String value) {
    Map<String, String> copy = new HashMap<>(values);
    copy.put(name, value);
    return new ConfigSource(copy);
  }

  public Optional<String> get(String name) {
    String value = values.get(name);
    return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.trim());
  }

  public String get(String name, String defaultValue) {
    return get(name).orElse(defaultValue);
  }

  public int getInt(String name, int defaultValue) {
    return parse(name, defaultValue, Integer::parseInt, "a whole number");
  }

  public double getDouble(String name, double defaultValue) {
    return parse(name, defaultValue, Double::parseDouble, "a number");
  }

  public boolean getBoolean(String name, boolean defaultValue) {
    return parse(
        name,
        defaultValue,
        text -> {
          if (text.equalsIgnoreCase("true") || text.equals("1")) {
            return true;
          }
          if (text.equalsIgnoreCase("false") || text.equals("0")) {
            return false;
          }
          throw new IllegalArgumentException(text);
        },
        "true or false");
  }

  public Path getPath(String name, Path defaultValue) {
    return get(name).map(Path::of).orElse(defaultValue);
  }

  private <T> T parse(String name, T defaultValue, Function<String, T> parser, String expected) {
    Optional<String> text = get(name);
    if (text.isEmpty()) {
      return defaultValue;
    }
    try {
      return parser.apply(text.get());
    } catch (RuntimeException e) {
      throw new ConfigException(name + " must be " + expected + ", got '" + text.get() + "'");
    }
  }
}
