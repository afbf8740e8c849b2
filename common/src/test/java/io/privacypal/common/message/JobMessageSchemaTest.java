package io.privacypal.common.message;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.privacypal.common.job.JobOptions;
import io.privacypal.common.json.Json;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The published JSON Schema is the public contract: it must name exactly what the code reads. */
class JobMessageSchemaTest {

  private static JsonNode schema() throws Exception {
    try (InputStream in = JobMessage.class.getResourceAsStream("/schema/job-message.schema.json")) {
      return Json.mapper().readTree(in);
    }
  }

  private static List<String> names(JsonNode properties) {
    List<String> names = new ArrayList<>();
    properties.fieldNames().forEachRemaining(names::add);
    return names;
  }

  @Test
  void theSchemaListsEveryFieldOfTheMessage() throws Exception {
    JsonNode schema = schema();

    assertThat(names(schema.get("properties")))
        .containsExactlyInAnyOrderElementsOf(
            Arrays.stream(JobMessage.class.getRecordComponents()).map(c -> c.getName()).toList());
    assertThat(names(schema.at("/properties/options/properties")))
        .containsExactlyInAnyOrderElementsOf(
            Arrays.stream(JobOptions.class.getRecordComponents()).map(c -> c.getName()).toList());
    assertThat(schema.get("required")).extracting(JsonNode::asText).containsExactly("video");
  }

  @Test
  void theSchemaDefaultsAreTheCodesDefaults() throws Exception {
    JsonNode options = schema().at("/properties/options/properties");
    JobOptions defaults = JobOptions.defaults();

    assertThat(options.at("/keyframeIntervalSeconds/default").asDouble())
        .isEqualTo(defaults.keyframeIntervalSeconds());
    assertThat(options.at("/boxScale/default").asDouble()).isEqualTo(defaults.boxScale());
    assertThat(options.at("/blurMode/default").asText()).isEqualTo(defaults.blurMode().json());
    assertThat(options.at("/mask/default").asText()).isEqualTo(defaults.mask().json());
    assertThat(options.at("/keyframeIntervalSeconds/minimum").asDouble())
        .isEqualTo(JobOptions.MIN_KEYFRAME_INTERVAL_SECONDS);
    assertThat(options.at("/boxScale/maximum").asDouble()).isEqualTo(JobOptions.MAX_BOX_SCALE);
  }
}
