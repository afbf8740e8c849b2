package io.privacypal.gateway;

import io.privacypal.common.config.ConfigException;
import io.privacypal.common.config.ConfigSource;
import io.privacypal.gateway.clients.ApiKeys;
import io.privacypal.gateway.http.HttpTimeouts;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * How the HTTP API is served.
 *
 * @param port PRIVACYPAL_HTTP_PORT, default 8080; 0 takes any free port (tests)
 * @param bindAddress PRIVACYPAL_HTTP_BIND; default 127.0.0.1 when no API keys are configured (an
 *     open gateway serves this machine only unless told otherwise), 0.0.0.0 when keys are
 * @param maxBodyBytes PRIVACYPAL_MAX_BODY_BYTES, default 64 KiB; larger bodies get 413
 * @param threads PRIVACYPAL_HTTP_THREADS, default 16: the fixed pool that runs the handlers
 * @param corsOrigins PRIVACYPAL_CORS_ORIGINS, comma separated; empty means no CORS headers
 * @param apiKeys PRIVACYPAL_API_KEYS (comma separated) plus the lines of PRIVACYPAL_API_KEYS_FILE,
 *     each {@code name:key}, {@code name:key:admin} or a plain key ({@link ApiKeys}); empty means
 *     no authentication
 * @param timeouts PRIVACYPAL_HTTP_READ_TIMEOUT_SECONDS (default 10: request headers, and a body or
 *     a response that stalls) and PRIVACYPAL_HTTP_IDLE_TIMEOUT_SECONDS (default 30: kept-alive
 *     connections between requests)
 */
public record GatewaySettings(
    int port,
    String bindAddress,
    int maxBodyBytes,
    int threads,
    List<String> corsOrigins,
    List<String> apiKeys,
    HttpTimeouts timeouts) {

  public static final int DEFAULT_PORT = 8080;
  public static final int DEFAULT_MAX_BODY_BYTES = 64 * 1024;
  public static final int DEFAULT_THREADS = 16;
  public static final String LOOPBACK = "127.0.0.1";
  public static final String ANY_ADDRESS = "0.0.0.0";

  public GatewaySettings {
    if (port < 0 || port > 65535) {
      throw new ConfigException("PRIVACYPAL_HTTP_PORT must be 0-65535, got " + port);
    }
    if (bindAddress == null || bindAddress.isBlank()) {
      throw new ConfigException("PRIVACYPAL_HTTP_BIND must name an address");
    }
    if (maxBodyBytes < 1024 || maxBodyBytes > 16 * 1024 * 1024) {
      throw new ConfigException(
          "PRIVACYPAL_MAX_BODY_BYTES must be between 1024 and 16 MiB, got " + maxBodyBytes);
    }
    if (threads < 1 || threads > 1024) {
      throw new ConfigException("PRIVACYPAL_HTTP_THREADS must be 1-1024, got " + threads);
    }
    corsOrigins = corsOrigins == null ? List.of() : List.copyOf(corsOrigins);
    apiKeys = apiKeys == null ? List.of() : List.copyOf(apiKeys);
    ApiKeys.parse(apiKeys); // refuses a malformed entry or a short key at start-up
    if (timeouts == null) {
      throw new ConfigException("HTTP timeouts are required");
    }
  }

  public static GatewaySettings from(ConfigSource config) {
    List<String> keys = apiKeys(config);
    return new GatewaySettings(
        config.getInt("PRIVACYPAL_HTTP_PORT", DEFAULT_PORT),
        config.get("PRIVACYPAL_HTTP_BIND", keys.isEmpty() ? LOOPBACK : ANY_ADDRESS),
        config.getInt("PRIVACYPAL_MAX_BODY_BYTES", DEFAULT_MAX_BODY_BYTES),
        config.getInt("PRIVACYPAL_HTTP_THREADS", DEFAULT_THREADS),
        commaList(config.get("PRIVACYPAL_CORS_ORIGINS", "")),
        keys,
        new HttpTimeouts(
            seconds(
                config, "PRIVACYPAL_HTTP_READ_TIMEOUT_SECONDS", HttpTimeouts.DEFAULTS.read(), 300),
            seconds(
                config,
                "PRIVACYPAL_HTTP_IDLE_TIMEOUT_SECONDS",
                HttpTimeouts.DEFAULTS.idle(),
                3600)));
  }

  private static Duration seconds(
      ConfigSource config, String name, Duration defaultValue, int max) {
    int seconds = config.getInt(name, (int) defaultValue.toSeconds());
    if (seconds < 1 || seconds > max) {
      throw new ConfigException(name + " must be 1-" + max + " seconds, got " + seconds);
    }
    return Duration.ofSeconds(seconds);
  }

  public boolean authenticationRequired() {
    return !apiKeys.isEmpty();
  }

  public ApiKeys clients() {
    return ApiKeys.parse(apiKeys);
  }

  private static List<String> apiKeys(ConfigSource config) {
    List<String> keys = new ArrayList<>(commaList(config.get("PRIVACYPAL_API_KEYS", "")));
    config
        .get("PRIVACYPAL_API_KEYS_FILE")
        .ifPresent(
            file -> {
              try {
                for (String line : Files.readAllLines(Path.of(file))) {
                  String key = line.trim();
                  if (!key.isEmpty() && !key.startsWith("#")) {
                    keys.add(key);
                  }
                }
              } catch (IOException e) {
                throw new ConfigException(
                    "cannot read PRIVACYPAL_API_KEYS_FILE " + file + ": " + e);
              }
            });
    return keys;
  }

  private static List<String> commaList(String text) {
    return Arrays.stream(text.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
  }

  /** Never prints the keys themselves. */
  @Override
  public String toString() {
    return "GatewaySettings[port=%d, bind=%s, maxBodyBytes=%d, threads=%d, readTimeout=%ss, idleTimeout=%ss, corsOrigins=%s, apiKeys=%d configured]"
        .formatted(
            port,
            bindAddress,
            maxBodyBytes,
            threads,
            timeouts.read().toSeconds(),
            timeouts.idle().toSeconds(),
            corsOrigins,
            apiKeys.size());
  }
}
