package io.privacypal.gateway.ops;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.privacypal.gateway.GatewayTestSupport;
import java.net.http.HttpResponse;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class OpenApiDocumentTest extends GatewayTestSupport {

  @Test
  void theDocumentDescribesExactlyTheRoutesTheServerRegisters() {
    HttpResponse<String> response = get("/openapi.json");
    assertThat(response.statusCode()).isEqualTo(200);
    JsonNode document = json(response);
    assertThat(document.get("openapi").asText()).startsWith("3.");

    Set<String> documented = new TreeSet<>();
    document
        .get("paths")
        .fields()
        .forEachRemaining(
            path ->
                path.getValue()
                    .fieldNames()
                    .forEachRemaining(
                        method ->
                            documented.add(method.toUpperCase(Locale.ROOT) + " " + path.getKey())));
    Set<String> registered =
        server.routes().stream()
            .map(r -> r.method() + " " + r.template())
            .collect(Collectors.toCollection(TreeSet::new));

    assertThat(documented).isEqualTo(registered);
  }

  @Test
  void noRouteIsRegisteredTwice() {
    assertThat(
            server.routes().stream().map(r -> r.method() + " " + r.template()).distinct().count())
        .isEqualTo(server.routes().size());
  }
}
