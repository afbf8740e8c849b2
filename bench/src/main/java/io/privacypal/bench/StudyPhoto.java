package io.privacypal.bench;

import io.privacypal.common.detect.DetectionException;
import io.privacypal.common.detect.FaceBox;
import io.privacypal.common.detect.FaceDetector;
import io.privacypal.common.detect.KeyframeImage;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.List;

/**
 * A photo of people scaled to the size a study clip shows it at, as I420 pixels, with the faces the
 * detector finds on the photo alone: the ground truth, offset by where a clip places the photo.
 */
record StudyPhoto(String name, int width, int height, byte[] i420, List<FaceBox> faces) {

  static StudyPhoto load(Path file, int width, FaceDetector detector, Path ffmpeg, Path ffprobe)
      throws IOException, DetectionException {
    int[] size = FfmpegRun.imageSize(ffprobe, file);
    int height = (int) Math.round((double) width * size[1] / size[0]) & ~1;
    byte[] pixels =
        FfmpegRun.ffmpeg(
            ffmpeg,
            "-i",
            file.toString(),
            "-frames:v",
            "1",
            "-vf",
            "scale=" + width + ":" + height,
            "-pix_fmt",
            "yuv420p",
            "-f",
            "rawvideo",
            "pipe:1");
    ByteBuffer buffer = ByteBuffer.allocateDirect(pixels.length);
    buffer.put(pixels).flip();
    List<FaceBox> faces = detector.detect(new KeyframeImage(width, height, buffer, 0));
    return new StudyPhoto(file.getFileName().toString(), width, height, pixels, List.copyOf(faces));
  }

  double meanFaceWidth() {
    return faces.stream().mapToDouble(FaceBox::width).average().orElse(0);
  }
}
