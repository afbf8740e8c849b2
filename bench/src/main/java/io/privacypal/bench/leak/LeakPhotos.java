package io.privacypal.bench.leak;

import io.privacypal.worker.assets.NpmPackageCache;
import io.privacypal.worker.opencv.OpenCvNative;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.opencv.core.Mat;
import org.opencv.imgcodecs.Imgcodecs;

/**
 * The six demo photos of the MIT npm package {@code @vladmandic/face-api@1.7.15}, fetched once with
 * {@code npm pack} into {@code ~/.cache/privacypal} (never shipped), decoded as BGR once each.
 */
final class LeakPhotos {
  static final String PACKAGE = "@vladmandic/face-api@1.7.15";
  static final int COUNT = 6;

  private final List<Path> files;
  private final Map<Integer, Mat> decoded = new HashMap<>();

  private LeakPhotos(List<Path> files) {
    this.files = files;
  }

  static LeakPhotos fetch() throws IOException {
    OpenCvNative.load();
    List<String> inPackage = new ArrayList<>();
    for (int i = 1; i <= COUNT; i++) {
      inPackage.add("package/demo/sample" + i + ".jpg");
    }
    return new LeakPhotos(
        NpmPackageCache.files(
            PACKAGE, NpmPackageCache.cacheRoot().resolve("face-api-1.7.15"), inPackage));
  }

  Path file(int photo) {
    return files.get(photo - 1);
  }

  /** Sample {@code photo} (1-6) as 8-bit BGR. */
  synchronized Mat bgr(int photo) throws IOException {
    Mat mat = decoded.get(photo);
    if (mat == null) {
      mat = Imgcodecs.imread(file(photo).toString(), Imgcodecs.IMREAD_COLOR);
      if (mat.empty()) {
        throw new IOException("could not decode " + file(photo));
      }
      decoded.put(photo, mat);
    }
    return mat;
  }
}
