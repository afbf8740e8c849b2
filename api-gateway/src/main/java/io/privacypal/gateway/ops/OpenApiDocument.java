package io.privacypal.gateway.ops;

import io.privacypal.gateway.http.Request;
import io.privacypal.gateway.http.Responses;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** {@code GET /openapi.json}: the API description shipped in the jar, read once. */
public final class OpenApiDocument {
  public static final String RESOURCE = "/openapi.json";

  private final byte[] document;

  public OpenApiDocument() {
    try (InputStream in = OpenApiDocument.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(RESOURCE + " is missing from the classpath");
      }
      document = in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public void handle(Request request) throws IOException {
    Responses.send(request.exchange(), 200, "application/json", document.clone());
  }
}
