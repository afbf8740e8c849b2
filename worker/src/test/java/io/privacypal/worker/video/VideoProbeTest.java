package io.privacypal.worker.video;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.privacypal.common.json.Json;
import org.junit.jupiter.api.Test;

/** ffprobe answers that real files rarely give (ffmpeg will not write them), fed as JSON. */
class VideoProbeTest {
  private static VideoInfo parse(String json) throws Exception {
    return VideoProbe.parse(Json.mapper().readTree(json.replace('\'', '"')));
  }

  @Test
  void videoStreamWithZeroFramesIsRefused() {
    assertThatThrownBy(
            () ->
                parse(
                    "{'streams':[{'codec_type':'video','width':320,'height':240,"
                        + "'avg_frame_rate':'25/1','r_frame_rate':'25/1','nb_frames':'0','duration':'0'}]}"))
        .isInstanceOf(InvalidVideoException.class)
        .hasMessageContaining("no frames");
  }

  @Test
  void coverArtIsNotTakenForAVideoStream() {
    assertThatThrownBy(
            () ->
                parse(
                    "{'streams':[{'codec_type':'audio','codec_name':'mp3'},"
                        + "{'codec_type':'video','width':500,'height':500,'disposition':{'attached_pic':1}}]}"))
        .isInstanceOf(InvalidVideoException.class)
        .hasMessageContaining("no video stream");
  }

  @Test
  void frameCountIsEstimatedFromDurationWhenTheContainerHasNone() throws Exception {
    VideoInfo info =
        parse(
            "{'streams':[{'codec_type':'video','width':1280,'height':720,"
                + "'avg_frame_rate':'30000/1001','r_frame_rate':'30000/1001'}],'format':{'duration':'10.01'}}");

    assertThat(info.estimatedFrames()).isEqualTo(300);
    assertThat(info.frameRateFraction()).isEqualTo("30000/1001");
    assertThat(info.variableFrameRate()).isFalse();
    assertThat(info.hasAudio()).isFalse();
  }
}
