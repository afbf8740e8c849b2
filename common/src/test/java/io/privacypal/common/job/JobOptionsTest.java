package io.privacypal.common.job;

import static io.privacypal.common.job.JobOptionsBuilder.aJobOptions;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import io.privacypal.common.json.Json;
import org.junit.jupiter.api.Test;

class JobOptionsTest {

  @Test
  void missingFieldsTakeTheDocumentedDefaults() throws Exception {
    JobOptions options = Json.mapper().readValue("{}", JobOptions.class);

    assertThat(options.blurFaces()).isTrue();
    assertThat(options.regions()).isEmpty();
    assertThat(options.blurMode()).isEqualTo(BlurMode.MOSAIC);
    assertThat(options.mask()).isEqualTo(MaskShape.BOX);
    assertThat(options.keyframeIntervalSeconds()).isEqualTo(0.3);
    assertThat(options.boxScale()).isEqualTo(1.3);
    assertThat(options.detector()).isNull();
  }

  @Test
  void optionsRoundTripThroughJson() throws Exception {
    String json =
        "{\"blurFaces\":false,\"regions\":[{\"x\":1,\"y\":2,\"width\":3,\"height\":4,"
            + "\"startSeconds\":0.5,\"endSeconds\":2}],\"blurMode\":\"GAUSSIAN\",\"mask\":\"ellipse\","
            + "\"keyframeIntervalSeconds\":0.5,\"boxScale\":1.5,\"detector\":\"rekognition\"}";
    JobOptions options = Json.mapper().readValue(json, JobOptions.class);

    assertThat(options.regions()).containsExactly(new BlurRegion(1, 2, 3, 4, 0.5, 2.0));
    assertThat(options.blurMode()).isEqualTo(BlurMode.GAUSSIAN);
    assertThat(options.detector()).isEqualTo(DetectorKind.REKOGNITION);
    assertThat(Json.mapper().readValue(Json.write(options), JobOptions.class)).isEqualTo(options);
    assertThat(Json.write(options)).contains("\"blurMode\":\"gaussian\"");
  }

  @Test
  void unknownModesAreRefusedWithTheAcceptedValues() {
    assertThatThrownBy(
            () -> Json.mapper().readValue("{\"blurMode\":\"pixelate\"}", JobOptions.class))
        .isInstanceOf(ValueInstantiationException.class)
        .hasRootCauseInstanceOf(InvalidJobOptionsException.class)
        .hasRootCauseMessage("unknown blurMode 'pixelate': use one of mosaic, gaussian, fill");
  }

  @Test
  void aSegmentLengthIsZeroOrAtLeastTwoSecondsAndAbsentLeavesItToTheWorker() throws Exception {
    assertThat(Json.mapper().readValue("{}", JobOptions.class).segmentSeconds()).isNull();
    assertThat(Json.write(JobOptions.defaults())).doesNotContain("segmentSeconds");
    assertThat(Json.mapper().readValue("{\"segmentSeconds\":0}", JobOptions.class).segmentSeconds())
        .isZero();
    assertThat(
            Json.mapper().readValue("{\"segmentSeconds\":30}", JobOptions.class).segmentSeconds())
        .isEqualTo(30);
    assertThatThrownBy(() -> Json.mapper().readValue("{\"segmentSeconds\":1}", JobOptions.class))
        .hasRootCauseMessage("segmentSeconds must be 0 (never split) or at least 2.0, got 1.0");
  }

  @Test
  void outOfRangeValuesNameTheField() {
    assertThatThrownBy(() -> aJobOptions().withKeyframeInterval(10.0).build())
        .isInstanceOf(InvalidJobOptionsException.class)
        .hasMessageContaining("keyframeIntervalSeconds");
    assertThatThrownBy(() -> aJobOptions().withBoxScale(0.5).build())
        .hasMessageContaining("boxScale");
    assertThatThrownBy(() -> new BlurRegion(0, 0, 0, 10, null, null)).hasMessageContaining("width");
    assertThatThrownBy(() -> aJobOptions().withBlurFaces(false).build())
        .hasMessageContaining("nothing to blur");
  }

  @Test
  void aTimedRegionIsActiveOnlyInItsRange() {
    BlurRegion region = new BlurRegion(0, 0, 10, 10, 1.0, 2.0);
    assertThat(region.activeAt(0.9)).isFalse();
    assertThat(region.activeAt(1.0)).isTrue();
    assertThat(region.activeAt(2.0)).isTrue();
    assertThat(region.activeAt(2.1)).isFalse();
    assertThat(BlurRegion.of(0, 0, 10, 10).activeAt(1e6)).isTrue();
  }
}
