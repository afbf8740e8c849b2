package io.privacypal.common.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.privacypal.common.job.BlurRegion;
import io.privacypal.common.job.JobId;
import io.privacypal.common.job.JobOptions;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class JobMessageCodecTest {
  private final JobMessageCodec codec = new JobMessageCodec();

  @Test
  void aMessageSurvivesEncodeAndDecode() throws Exception {
    JobMessage message =
        JobMessage.of(
            JobId.of("abc"),
            "clip.mp4",
            JobOptions.defaults().withRegions(java.util.List.of(BlurRegion.of(1, 2, 3, 4))),
            Instant.parse("2026-01-01T00:00:00Z"));

    assertThat(codec.decode(codec.encode(message))).isEqualTo(message);
  }

  @Test
  void theMinimalMessageNeedsOnlyAVideo() throws Exception {
    JobMessage message = codec.decode("{\"video\": \"clip.mp4\"}");

    assertThat(message.video()).isEqualTo("clip.mp4");
    assertThat(message.jobId()).isNull();
    assertThat(message.schemaVersion()).isEqualTo(1);
    assertThat(message.options()).isEqualTo(JobOptions.defaults());
  }

  @Test
  void unknownFieldsAreIgnoredForForwardCompatibility() throws Exception {
    assertThat(codec.decode("{\"video\":\"a.mp4\",\"priority\":5}").video()).isEqualTo("a.mp4");
  }

  @Test
  void malformedBodiesAreRefusedWithAReason() {
    assertThatThrownBy(() -> codec.decode("not json"))
        .isInstanceOf(MalformedMessageException.class)
        .hasMessageContaining("not JSON");
    assertThatThrownBy(() -> codec.decode("[1,2]")).hasMessageContaining("JSON object");
    assertThatThrownBy(() -> codec.decode("{}")).hasMessageContaining("no \"video\"");
    assertThatThrownBy(() -> codec.decode("{\"video\":\"\"}")).hasMessageContaining("no \"video\"");
    assertThatThrownBy(() -> codec.decode("{\"video\":\"a.mp4\",\"schemaVersion\":3}"))
        .hasMessageContaining("unsupported schemaVersion 3");
    assertThatThrownBy(() -> codec.decode("{\"video\":\"a.mp4\",\"jobId\":\"../etc\"}"))
        .hasMessageContaining("invalid jobId");
    assertThatThrownBy(
            () -> codec.decode("{\"video\":\"a.mp4\",\"options\":{\"blurMode\":\"swirl\"}}"))
        .isInstanceOf(MalformedMessageException.class)
        .hasMessageContaining("unknown blurMode 'swirl'");
    assertThatThrownBy(
            () -> codec.decode("{\"video\":\"a.mp4\",\"options\":{\"boxScale\":\"big\"}}"))
        .isInstanceOf(MalformedMessageException.class)
        .hasMessageContaining("invalid options");
    assertThatThrownBy(() -> codec.decode(" ")).hasMessageContaining("empty");
  }

  @Test
  void aSegmentMessageSurvivesEncodeAndDecodeAsVersionTwo() throws Exception {
    JobMessage message =
        JobMessage.segment(
            JobId.of("abc"),
            "clip.mp4",
            JobOptions.defaults(),
            Instant.parse("2026-01-01T00:00:00Z"),
            new SegmentRange(3, 300, 400));

    String body = codec.encode(message);

    assertThat(body).contains("\"schemaVersion\":2", "\"kind\":\"segment\"");
    assertThat(codec.decode(body)).isEqualTo(message);
  }

  @Test
  void aPlainJobMessageCarriesNoKindSoOldWorkersReadIt() {
    String body = codec.encode(JobMessage.of(JobId.of("abc"), "clip.mp4", null, null));

    assertThat(body).doesNotContain("kind", "segment").contains("\"schemaVersion\":1");
  }

  @Test
  void unknownKindsAndIncompleteSegmentsAreRefused() {
    assertThatThrownBy(() -> codec.decode("{\"video\":\"a.mp4\",\"kind\":\"stitch\"}"))
        .isInstanceOf(MalformedMessageException.class)
        .hasMessageContaining("unknown message kind \"stitch\"");
    assertThatThrownBy(
            () ->
                codec.decode(
                    "{\"schemaVersion\":2,\"jobId\":\"j\",\"video\":\"a.mp4\",\"kind\":\"segment\"}"))
        .hasMessageContaining("needs \"segment\"");
    assertThatThrownBy(
            () ->
                codec.decode(
                    "{\"video\":\"a.mp4\",\"jobId\":\"j\",\"kind\":\"segment\",\"segment\":"
                        + "{\"index\":0,\"firstFrame\":0,\"endFrame\":5}}"))
        .hasMessageContaining("needs schemaVersion 2");
    assertThatThrownBy(
            () ->
                codec.decode(
                    "{\"schemaVersion\":2,\"video\":\"a.mp4\",\"jobId\":\"j\",\"kind\":\"segment\","
                        + "\"segment\":{\"index\":0,\"firstFrame\":5,\"endFrame\":5}}"))
        .hasMessageContaining("invalid segment");
  }
}
