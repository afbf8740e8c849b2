package io.privacypal.worker.detect.rekognition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import io.privacypal.common.config.ConfigSource;
import io.privacypal.common.detect.DetectionException;
import io.privacypal.common.detect.FaceBox;
import io.privacypal.common.detect.FaceDetector;
import io.privacypal.common.detect.KeyframeImage;
import io.privacypal.worker.detect.FaceDetectorContract;
import io.privacypal.worker.opencv.OpenCvNative;
import io.privacypal.worker.testing.RekognitionStub;
import io.privacypal.worker.testing.RekognitionStub.Face;
import io.privacypal.worker.testing.RekognitionStub.Landmark;
import io.privacypal.worker.testing.RekognitionStub.Reply;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.MatOfByte;
import org.opencv.core.Point;
import org.opencv.core.Scalar;
import org.opencv.imgcodecs.Imgcodecs;
import org.opencv.imgproc.Imgproc;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.rekognition.RekognitionClient;

class RekognitionFaceDetectorTest extends FaceDetectorContract {
  private static final int WIDTH = 640;
  private static final int HEIGHT = 360;
  private static final Face FACE = new Face(0.25, 0.5, 0.1, 0.2, 99.5);

  private RekognitionStub stub;
  private final List<RekognitionFaceDetector> detectors = new ArrayList<>();

  @BeforeAll
  static void loadOpenCv() {
    OpenCvNative.load();
  }

  @BeforeEach
  void startStub() throws IOException {
    stub = RekognitionStub.start();
  }

  @AfterEach
  void stop() {
    detectors.forEach(RekognitionFaceDetector::close);
    stub.close();
  }

  /** The stub answers every call with the faces, as fractions of the frame as Rekognition does. */
  @Override
  protected FaceDetector detectorFor(List<FaceBox> faces, int width, int height) {
    stub.respondFaces(
        faces.stream()
            .map(
                f ->
                    new Face(
                        f.x() / width, f.y() / height, f.width() / width, f.height() / height, 99))
            .toArray(Face[]::new));
    return detector(RekognitionSettings.defaults());
  }

  @Test
  void requestCarriesADecodableJpegOfTheFrameSize() throws Exception {
    stub.respondFaces(FACE);
    RekognitionFaceDetector detector = detector(new RekognitionSettings(50, 3, 90, 50));

    detector.detect(frame(false));

    assertThat(stub.requests()).hasSize(1);
    RekognitionStub.Request request = stub.requests().get(0);
    assertThat(request.body().path("Attributes").get(0).asText()).isEqualTo("DEFAULT");
    Mat decoded = decode(request.image());
    try {
      assertThat(decoded.cols()).isEqualTo(WIDTH);
      assertThat(decoded.rows()).isEqualTo(HEIGHT);
      // The white square drawn at (100,100) survives the I420 -> BGR -> JPEG round trip.
      assertThat(decoded.get(130, 130)[0]).isGreaterThan(200);
      assertThat(decoded.get(20, 20)[0]).isLessThan(60);
    } finally {
      decoded.release();
    }
    assertThat(detector.calls()).isEqualTo(1);
  }

  @Test
  void boxesScaleToPixelsOfTheFrameAndGrowToTheHead() throws Exception {
    stub.respondFaces(FACE);
    RekognitionFaceDetector detector = detector(new RekognitionSettings(50, 3, 90, 50));

    List<FaceBox> faces = detector.detect(frame(false));

    // The face is (160, 180) 64x72 in pixels, 68 on average: the head reaches 0.9 of that above
    // its centre (216), 0.6 below, and 0.72 to either side of it (192), as no pose says more.
    assertThat(faces).hasSize(1);
    FaceBox box = faces.get(0);
    assertThat(box.x()).isCloseTo(192 - 0.72 * 68, within(0.01));
    assertThat(box.y()).isCloseTo(216 - 0.9 * 68, within(0.01));
    assertThat(box.width()).isCloseTo(2 * 0.72 * 68, within(0.01));
    assertThat(box.height()).isCloseTo(1.5 * 68, within(0.01));
    assertThat(box.confidence()).isCloseTo(0.995, within(0.001));
  }

  @Test
  void aHeadTurnedAwayIsCoveredToTheBackOfTheHeadFromPoseAndLandmarks() throws Exception {
    // Turned 70° to the image's left: the nose stands out left of the eyes and mouth, so the back
    // of the head lies to the right of the face box.
    Face turned =
        FACE.withPose(-70, 0, 0)
            .withLandmarks(
                new Landmark("eyeLeft", 0.29, 0.56),
                new Landmark("eyeRight", 0.31, 0.56),
                new Landmark("nose", 0.26, 0.6),
                new Landmark("mouthLeft", 0.29, 0.65),
                new Landmark("mouthRight", 0.31, 0.65));
    stub.respondFaces(turned);
    RekognitionFaceDetector detector = detector(new RekognitionSettings(50, 3, 90, 50));

    FaceBox head = detector.detect(frame(false)).get(0);

    double backOfHead = head.x() + head.width() - 224;
    double faceSide = 160 - head.x();
    assertThat(backOfHead).as("past the face box towards the back").isGreaterThan(0.5 * 64);
    assertThat(faceSide).as("past the face box towards the nose").isLessThan(backOfHead / 2);
    assertThat(stub.requests()).hasSize(1);
  }

  @Test
  void theSameHeadLookingTheOtherWayIsCoveredOnTheOtherSide() throws Exception {
    Face turned =
        FACE.withPose(70, 0, 0)
            .withLandmarks(
                new Landmark("eyeLeft", 0.19, 0.56),
                new Landmark("eyeRight", 0.21, 0.56),
                new Landmark("nose", 0.24, 0.6),
                new Landmark("mouthLeft", 0.19, 0.65),
                new Landmark("mouthRight", 0.21, 0.65));
    stub.respondFaces(turned);
    RekognitionFaceDetector detector = detector(new RekognitionSettings(50, 3, 90, 50));

    FaceBox head = detector.detect(frame(false)).get(0);

    assertThat(160 - head.x()).isGreaterThan(0.5 * 64);
    assertThat(head.x() + head.width() - 224).isLessThan((160 - head.x()) / 2);
  }

  @Test
  void aTurnedHeadWithoutLandmarksIsCoveredForEitherWay() throws Exception {
    stub.respondFaces(FACE.withPose(70, 0, 20));
    RekognitionFaceDetector detector = detector(new RekognitionSettings(50, 3, 90, 50));

    FaceBox head = detector.detect(frame(false)).get(0);

    assertThat(160 - head.x()).isGreaterThan(0.5 * 64);
    assertThat(head.x() + head.width() - 224).isGreaterThan(0.5 * 64);
  }

  @Test
  void aTiltedHeadIsCoveredAlongItsTilt() throws Exception {
    // Rolled 30°: eyes and mouth on a line leaning right, the head's top leans that way too.
    double s = Math.sin(Math.toRadians(30));
    double c = Math.cos(Math.toRadians(30));
    Face tilted =
        FACE.withPose(0, 0, 30)
            .withLandmarks(
                new Landmark("eyeLeft", 0.3 + 0.02 * c, 0.58 + 0.02 * s * 16 / 9),
                new Landmark("eyeRight", 0.3 - 0.02 * c, 0.58 - 0.02 * s * 16 / 9),
                new Landmark("nose", 0.3, 0.6),
                new Landmark("mouthLeft", 0.3 + 0.02 * c - 0.04 * s, 0.64 + 0.02 * s * 16 / 9),
                new Landmark("mouthRight", 0.3 - 0.02 * c - 0.04 * s, 0.64 - 0.02 * s * 16 / 9));
    stub.respondFaces(tilted);
    RekognitionFaceDetector detector = detector(new RekognitionSettings(50, 3, 90, 50));

    FaceBox head = detector.detect(frame(false)).get(0);

    // Upright, the head would reach 0.72 * 68 = 49 px either side of the centre (192).
    assertThat(head.x() + head.width() - 192).isGreaterThan(0.72 * 68 + 10);
  }

  @Test
  void boxesReachingPastTheEdgesAreClampedToTheFrame() throws Exception {
    stub.respondFaces(new Face(-0.05, 0.9, 0.2, 0.2, 95));
    RekognitionFaceDetector detector = detector(new RekognitionSettings(50, 3, 90, 50));

    FaceBox box = detector.detect(frame(false)).get(0);

    assertThat(box.x()).isCloseTo(0, within(0.01));
    assertThat(box.width()).isCloseTo(0.15 * WIDTH, within(0.01));
    assertThat(box.y()).isLessThan(0.9 * HEIGHT); // the head above the face
    assertThat(box.y() + box.height()).isCloseTo(HEIGHT, within(0.01));
  }

  @Test
  void facesBelowTheMinimumConfidenceAreDropped() throws Exception {
    stub.respondFaces(FACE, new Face(0.6, 0.1, 0.1, 0.1, 40), new Face(0.7, 0.1, 0.1, 0.1, 80));
    RekognitionFaceDetector detector = detector(new RekognitionSettings(50, 3, 90, 75));

    List<FaceBox> faces = detector.detect(frame(false));

    assertThat(faces).extracting(FaceBox::confidence).containsExactly(0.995, 0.8);
  }

  @Test
  void throttlingTwiceThenSuccessReturnsTheFaces() throws Exception {
    stub.respondFaces(FACE).thenRespond(Reply.throttling(), Reply.provisionedThroughputExceeded());
    RekognitionFaceDetector detector = detector(new RekognitionSettings(50, 5, 90, 50));

    List<FaceBox> faces = detector.detect(frame(false));

    assertThat(faces).hasSize(1);
    assertThat(stub.requests()).hasSize(3);
    assertThat(detector.calls()).isEqualTo(1);
  }

  @Test
  void throttlingNamedOnlyInTheBodyIsRetriedToo() throws Exception {
    stub.respondFaces(FACE).thenRespond(Reply.throttling().withoutErrorTypeHeader());
    RekognitionFaceDetector detector = detector(new RekognitionSettings(50, 3, 90, 50));

    assertThat(detector.detect(frame(false))).hasSize(1);
    assertThat(stub.requests()).hasSize(2);
  }

  @Test
  void throttlingThatOutlivesTheRetriesIsRetryable() {
    stub.respondAlways(Reply.throttling());
    RekognitionFaceDetector detector = detector(new RekognitionSettings(50, 2, 90, 50));

    DetectionException e = catchDetection(detector);

    assertThat(e.retryable()).isTrue();
    assertThat(e.getMessage()).contains("ThrottlingException");
    assertThat(stub.requests()).hasSize(2);
  }

  @Test
  void serverErrorsThatOutliveTheRetriesAreRetryable() {
    stub.respondAlways(Reply.serverError());
    RekognitionFaceDetector detector = detector(new RekognitionSettings(50, 2, 90, 50));

    DetectionException e = catchDetection(detector);

    assertThat(e.retryable()).isTrue();
    assertThat(stub.requests()).hasSize(2);
  }

  @Test
  void invalidImageFormatFailsForGoodWithTheErrorNamed() {
    stub.respondAlways(Reply.invalidImageFormat());
    RekognitionFaceDetector detector = detector(new RekognitionSettings(50, 5, 90, 50));

    DetectionException e = catchDetection(detector);

    assertThat(e.retryable()).isFalse();
    assertThat(e.getMessage()).contains("InvalidImageFormatException");
    assertThat(stub.requests()).hasSize(1);
  }

  @Test
  void accessDeniedFailsForGoodWithTheErrorNamed() {
    stub.respondAlways(Reply.accessDenied());
    RekognitionFaceDetector detector = detector(new RekognitionSettings(50, 5, 90, 50));

    DetectionException e = catchDetection(detector);

    assertThat(e.retryable()).isFalse();
    assertThat(e.getMessage()).contains("AccessDeniedException");
    assertThat(stub.requests()).hasSize(1);
  }

  @Test
  void imageTooLargeFailsForGoodWithTheErrorNamed() {
    stub.respondAlways(Reply.imageTooLarge());
    RekognitionFaceDetector detector = detector(new RekognitionSettings(50, 5, 90, 50));

    DetectionException e = catchDetection(detector);

    assertThat(e.retryable()).isFalse();
    assertThat(e.getMessage()).contains("ImageTooLargeException");
    assertThat(stub.requests()).hasSize(1);
  }

  @Test
  void aNoisyHugeFrameIsShrunkBelowRekognitionsFiveMegabyteLimit() throws Exception {
    stub.respondFaces(FACE);
    RekognitionFaceDetector detector = detector(new RekognitionSettings(50, 3, 90, 50));
    // Noise at this size is about 7 MB even at the lowest quality (4K noise fits at quality 60).
    int width = 4800;
    int height = 2700;

    List<FaceBox> faces = detector.detect(frame(width, height, true));

    byte[] sent = stub.requests().get(0).image();
    assertThat(stub.requests().get(0).imageSize()).isLessThanOrEqualTo(5_000_000);
    Mat decoded = decode(sent);
    try {
      assertThat(decoded.cols()).isLessThan(width);
      assertThat((double) decoded.cols() / decoded.rows()).isCloseTo(16.0 / 9, within(0.05));
    } finally {
      decoded.release();
    }
    assertThat(faces.get(0).centerX()).isCloseTo(0.3 * width, within(0.01));
    assertThat(faces.get(0).height())
        .isCloseTo(1.5 * (0.1 * width + 0.2 * height) / 2, within(0.01));
  }

  @Test
  void anOversizeEncodeIsBroughtWithinTheByteLimit() throws Exception {
    int limit = 40_000;
    stub.respondFaces(FACE);
    RekognitionSettings settings = new RekognitionSettings(50, 3, 95, 50);
    RekognitionFaceDetector detector =
        new RekognitionFaceDetector(client(settings), settings, limit);
    detectors.add(detector);
    KeyframeImage noisy = frame(true);

    List<FaceBox> faces = detector.detect(noisy);

    byte[] sent = stub.requests().get(0).image();
    assertThat(sent.length).isLessThanOrEqualTo(limit);
    Mat decoded = decode(sent);
    try {
      assertThat(decoded.cols()).isLessThan(WIDTH);
      assertThat((double) decoded.cols() / decoded.rows()).isCloseTo(16.0 / 9, within(0.05));
    } finally {
      decoded.release();
    }
    // Ratios from a downscaled upload still land on the original frame.
    assertThat(faces.get(0).centerX()).isCloseTo(192, within(0.01));
    assertThat(faces.get(0).height()).isCloseTo(1.5 * 68, within(0.01));
  }

  @Test
  void callsArePacedByTheRateLimit() throws Exception {
    stub.respondFaces(FACE);
    RekognitionFaceDetector detector = detector(new RekognitionSettings(10, 3, 90, 50));
    KeyframeImage image = frame(false);

    for (int i = 0; i < 11; i++) {
      detector.detect(image);
    }

    List<RekognitionStub.Request> requests = stub.requests();
    assertThat(requests).hasSize(11);
    long spanNanos = requests.get(10).receivedNanos() - requests.get(0).receivedNanos();
    // Ten gaps of 100 ms; allow for timer and network jitter.
    assertThat(Duration.ofNanos(spanNanos)).isGreaterThanOrEqualTo(Duration.ofMillis(900));
  }

  @Test
  void interruptingACallerWaitingForItsTurnFailsRetryablyAndKeepsTheFlag() throws Exception {
    stub.respondFaces(FACE);
    // One call every 20 s: the second call has to wait for its turn.
    RekognitionFaceDetector detector = detector(new RekognitionSettings(0.05, 3, 90, 50));
    KeyframeImage image = frame(false);
    detector.detect(image);
    AtomicReference<DetectionException> failure = new AtomicReference<>();
    AtomicBoolean flagKept = new AtomicBoolean();
    Thread caller =
        new Thread(
            () -> {
              try {
                detector.detect(image);
              } catch (DetectionException e) {
                failure.set(e);
                flagKept.set(Thread.currentThread().isInterrupted());
              }
            });
    caller.start();
    await()
        .atMost(Duration.ofSeconds(5))
        .until(() -> caller.getState() == Thread.State.TIMED_WAITING);

    caller.interrupt();
    caller.join(5_000);

    assertThat(caller.isAlive()).isFalse();
    assertThat(failure.get()).isNotNull();
    assertThat(failure.get().retryable()).isTrue();
    assertThat(flagKept).isTrue();
    assertThat(stub.requests()).hasSize(1);
  }

  @Test
  void severalThreadsShareOneDetectorSafely() throws Exception {
    stub.respondFaces(FACE);
    RekognitionFaceDetector detector = detector(new RekognitionSettings(1000, 3, 90, 50));
    int threads = 4;
    int perThread = 5;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    CountDownLatch go = new CountDownLatch(1);
    try {
      List<Future<List<FaceBox>>> results = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        KeyframeImage image = frame(false);
        Callable<List<FaceBox>> work =
            () -> {
              go.await();
              List<FaceBox> all = new ArrayList<>();
              for (int i = 0; i < perThread; i++) {
                all.addAll(detector.detect(image));
              }
              return all;
            };
        results.add(pool.submit(work));
      }
      go.countDown();
      for (Future<List<FaceBox>> result : results) {
        List<FaceBox> faces = result.get(30, TimeUnit.SECONDS);
        assertThat(faces).hasSize(perThread);
        assertThat(faces).allSatisfy(box -> assertThat(box.centerX()).isCloseTo(192, within(0.01)));
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(detector.calls()).isEqualTo(threads * perThread);
    assertThat(stub.requests()).hasSize(threads * perThread);
  }

  @Test
  void createReadsTheEndpointFromTheEnvironment() throws Exception {
    stub.respondFaces(FACE);
    ConfigSource config =
        ConfigSource.of(
            Map.of(
                "AWS_ENDPOINT_URL_REKOGNITION",
                stub.endpoint().toString(),
                "AWS_REGION",
                "ca-central-1"));
    RekognitionFaceDetector detector = RekognitionFaceDetector.create(config);
    detectors.add(detector);

    assertThat(detector.detect(frame(false))).hasSize(1);
    assertThat(detector.name()).isEqualTo("rekognition");
    assertThat(stub.requests()).hasSize(1);
  }

  @Test
  void createAppliesTheConfiguredAttemptsToTheClient() {
    stub.respondAlways(Reply.throttling());
    ConfigSource config =
        ConfigSource.of(
            Map.of(
                "AWS_ENDPOINT_URL_REKOGNITION", stub.endpoint().toString(),
                "AWS_REGION", "ca-central-1",
                "PRIVACYPAL_REKOGNITION_MAX_ATTEMPTS", "3"));
    RekognitionFaceDetector detector = RekognitionFaceDetector.create(config);
    detectors.add(detector);

    DetectionException e = catchDetection(detector);

    assertThat(e.retryable()).isTrue();
    assertThat(stub.requests()).hasSize(3);
  }

  @Test
  void theCallersBufferPositionIsUntouched() throws Exception {
    stub.respondFaces(FACE);
    RekognitionFaceDetector detector = detector(new RekognitionSettings(50, 3, 90, 50));
    KeyframeImage image = frame(false);
    int position = image.i420().position();

    detector.detect(image);

    assertThat(image.i420().position()).isEqualTo(position);
  }

  private DetectionException catchDetection(RekognitionFaceDetector detector) {
    KeyframeImage image = frame(false);
    return catchThrowableOfType(() -> detector.detect(image), DetectionException.class);
  }

  private RekognitionFaceDetector detector(RekognitionSettings settings) {
    RekognitionFaceDetector detector = new RekognitionFaceDetector(client(settings), settings);
    detectors.add(detector);
    return detector;
  }

  private RekognitionClient client(RekognitionSettings settings) {
    return RekognitionClient.builder()
        .endpointOverride(stub.endpoint())
        .region(Region.CA_CENTRAL_1)
        .credentialsProvider(
            StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
        .overrideConfiguration(RekognitionFaceDetector.clientOverrides(settings))
        .build();
  }

  /** A dark frame with a white square at (100,100), or random noise that JPEG compresses badly. */
  private static KeyframeImage frame(boolean noise) {
    return frame(WIDTH, HEIGHT, noise);
  }

  private static KeyframeImage frame(int width, int height, boolean noise) {
    Mat bgr = new Mat(height, width, CvType.CV_8UC3, new Scalar(30, 30, 30));
    Mat yuv = new Mat();
    try {
      if (noise) {
        Core.randu(bgr, 0, 256);
      } else {
        Imgproc.rectangle(
            bgr, new Point(100, 100), new Point(160, 160), new Scalar(255, 255, 255), -1);
      }
      Imgproc.cvtColor(bgr, yuv, Imgproc.COLOR_BGR2YUV_I420);
      byte[] bytes = new byte[(int) yuv.total()];
      yuv.get(0, 0, bytes);
      ByteBuffer buffer = ByteBuffer.allocateDirect(bytes.length);
      buffer.put(bytes).flip();
      return new KeyframeImage(width, height, buffer, 0);
    } finally {
      bgr.release();
      yuv.release();
    }
  }

  private static Mat decode(byte[] jpeg) {
    MatOfByte bytes = new MatOfByte(jpeg);
    try {
      Mat decoded = Imgcodecs.imdecode(bytes, Imgcodecs.IMREAD_COLOR);
      assertThat(decoded.empty()).as("the upload decodes as an image").isFalse();
      return decoded;
    } finally {
      bytes.release();
    }
  }
}
