package io.privacypal.common.detect;

/** A detected face: a box in pixels of the frame it was found in, and the detector's confidence. */
public record FaceBox(double x, double y, double width, double height, double confidence) {
  public FaceBox {
    if (!(width > 0 && height > 0)) {
      throw new IllegalArgumentException("a face box needs a positive size");
    }
  }

  public double centerX() {
    return x + width / 2;
  }

  public double centerY() {
    return y + height / 2;
  }

  public double area() {
    return width * height;
  }

  /** The area the two boxes share, 0 when apart. */
  public double intersection(FaceBox other) {
    double ix = Math.max(0, Math.min(x + width, other.x + other.width) - Math.max(x, other.x));
    double iy = Math.max(0, Math.min(y + height, other.y + other.height) - Math.max(y, other.y));
    return ix * iy;
  }

  /** Intersection over union, 0 when apart, 1 when identical. */
  public double iou(FaceBox other) {
    double intersection = intersection(other);
    double union = area() + other.area() - intersection;
    return union <= 0 ? 0 : intersection / union;
  }

  /** The same centre, each side multiplied by {@code factor}. */
  public FaceBox scaled(double factor) {
    double w = width * factor;
    double h = height * factor;
    return new FaceBox(centerX() - w / 2, centerY() - h / 2, w, h, confidence);
  }
}
