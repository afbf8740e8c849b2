package io.privacypal.gateway.clients;

import io.privacypal.common.config.ConfigException;
import io.privacypal.common.text.Sha256;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The configured keys and the clients they name. Each entry is {@code name:key}, {@code
 * name:key:admin}, or a plain {@code key} (a client of its own, named {@code key-<first 8 hex of
 * its SHA-256>}). One client may have several keys (rotation). Keys are held as SHA-256 digests and
 * compared with {@link MessageDigest#isEqual} against every key each time, so timing tells nothing
 * about which bytes matched; they are never logged or put in an error message.
 */
public final class ApiKeys {
  public static final int MIN_KEY_LENGTH = 16;
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}");

  private record Entry(Client client, byte[] digest) {}

  private final List<Entry> entries;

  private ApiKeys(List<Entry> entries) {
    this.entries = List.copyOf(entries);
  }

  /**
   * @throws ConfigException naming the entry by its position (never its key) when one is malformed
   */
  public static ApiKeys parse(List<String> configured) {
    List<Entry> entries = new ArrayList<>();
    Set<String> digests = new HashSet<>();
    Map<String, Boolean> adminByName = new HashMap<>();
    for (int i = 0; i < configured.size(); i++) {
      Entry entry = parseEntry(configured.get(i).trim(), i + 1);
      if (!digests.add(HexFormat.of().formatHex(entry.digest()))) {
        throw new ConfigException("API key entry " + (i + 1) + " repeats a key given before it");
      }
      Client client = entry.client();
      if (adminByName.putIfAbsent(client.name(), client.admin()) != null
          && adminByName.get(client.name()) != client.admin()) {
        throw new ConfigException(
            "API key entry "
                + (i + 1)
                + ": client "
                + client.name()
                + " has other keys with a different :admin; give it to all of its keys or none");
      }
      entries.add(entry);
    }
    return new ApiKeys(entries);
  }

  private static Entry parseEntry(String text, int position) {
    String[] parts = text.split(":", -1);
    String name;
    String key;
    boolean admin = false;
    if (parts.length == 1) {
      key = text;
      name = "key-" + Sha256.hex(key).substring(0, 8);
    } else if (parts.length == 2 || (parts.length == 3 && parts[2].equals("admin"))) {
      name = parts[0];
      key = parts[1];
      admin = parts.length == 3;
      if (!NAME.matcher(name).matches()) {
        throw new ConfigException(
            "API key entry "
                + position
                + ": the client name must be 1-64 letters, digits, '.', '_' or '-'");
      }
    } else {
      throw new ConfigException(
          "API key entry " + position + " must be KEY, NAME:KEY or NAME:KEY:admin");
    }
    // Short keys can be guessed; refuse them before they protect anything.
    if (key.length() < MIN_KEY_LENGTH) {
      throw new ConfigException(
          "API key entry "
              + position
              + ": the key must be at least "
              + MIN_KEY_LENGTH
              + " characters long");
    }
    return new Entry(new Client(name, admin), digest(key));
  }

  public boolean isEmpty() {
    return entries.isEmpty();
  }

  public int size() {
    return entries.size();
  }

  /** The client whose key this is; every key is compared, whichever matches. */
  public Optional<Client> find(String presented) {
    byte[] candidate = digest(presented);
    Client found = null;
    for (Entry entry : entries) {
      // No early exit: every key is compared on every request.
      if (MessageDigest.isEqual(candidate, entry.digest())) {
        found = entry.client();
      }
    }
    return Optional.ofNullable(found);
  }

  private static byte[] digest(String key) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }
}
