package io.privacypal.worker.video;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class InputLimitsTest {
  private static VideoInfo video(int width, int height, double fps, double seconds) {
    return new VideoInfo(
        width,
        height,
        fps,
        Math.round(fps) + "/1",
        Math.round(fps * seconds),
        seconds,
        true,
        "aac",
        0,
        false,
        true,
        VideoInfo.Colour.UNKNOWN);
  }

  @Test
  void defaultsLetAFourHour4kVideoAt60FpsThrough() {
    assertThat(InputLimits.DEFAULTS.refusal(video(3840, 2160, 60, 4 * 3600))).isEmpty();
  }

  @Test
  void defaultsLetSlowMotionAt240FpsThrough() {
    assertThat(InputLimits.DEFAULTS.refusal(video(1920, 1080, 240, 60))).isEmpty();
  }

  @Test
  void defaultsStopAFileDeclaring1000Fps() {
    assertThat(InputLimits.DEFAULTS.refusal(video(3840, 2160, 1000, 10)))
        .contains("frame rate 1000 fps is over the limit of 240 fps");
  }

  @Test
  void defaultsStopSixHoursAndAMillionFrames() {
    assertThat(InputLimits.DEFAULTS.refusal(video(640, 360, 25, 6 * 3600)))
        .contains("duration 21600 s is over the limit of 18000 s");
    assertThat(InputLimits.DEFAULTS.refusal(video(640, 360, 120, 4.5 * 3600)))
        .contains("1944000 frames are over the limit of 1000000");
  }
}
