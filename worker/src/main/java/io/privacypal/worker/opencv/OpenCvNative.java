package io.privacypal.worker.opencv;

/** Loads OpenCV's native library (shipped inside the openpnp jar) once per process. */
public final class OpenCvNative {
  private static volatile boolean loaded;

  private OpenCvNative() {}

  public static void load() {
    if (!loaded) {
      synchronized (OpenCvNative.class) {
        if (!loaded) {
          nu.pattern.OpenCV.loadLocally();
          loaded = true;
        }
      }
    }
  }
}
