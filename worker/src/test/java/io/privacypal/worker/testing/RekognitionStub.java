package io.privacypal.worker.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.privacypal.common.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A local stand-in for Rekognition's DetectFaces, speaking its JSON 1.1 protocol over real HTTP on
 * 127.0.0.1: it checks the operation header, decodes the uploaded image, records each request, and
 * answers from a script (queued replies first, then a default). Errors are sent the way the service
 * sends them: the code in the {@code x-amzn-ErrorType} header and as {@code __type} in the body.
 */
public final class RekognitionStub implements AutoCloseable {
  private static final String TARGET = "RekognitionService.DetectFaces";
  private static final String CONTENT_TYPE = "application/x-amz-json-1.1";

  /**
   * A face in Rekognition's terms: ratios of the image size, confidence 0..100, and optionally its
   * {@code Pose} (degrees) and {@code Landmarks} (ratios), as DetectFaces' DEFAULT attributes give.
   */
  public record Face(
      double left,
      double top,
      double width,
      double height,
      double confidence,
      Pose pose,
      List<Landmark> landmarks) {
    public Face(double left, double top, double width, double height, double confidence) {
      this(left, top, width, height, confidence, null, List.of());
    }

    public Face withPose(double yaw, double pitch, double roll) {
      return new Face(left, top, width, height, confidence, new Pose(yaw, pitch, roll), landmarks);
    }

    public Face withLandmarks(Landmark... points) {
      return new Face(left, top, width, height, confidence, pose, List.of(points));
    }
  }

  /** Rekognition's head pose, in degrees. */
  public record Pose(double yaw, double pitch, double roll) {}

  /**
   * A landmark such as {@code eyeLeft}, {@code nose} or {@code mouthRight}, in ratios of the image.
   */
  public record Landmark(String type, double x, double y) {}

  /** One HTTP answer. */
  public record Reply(int status, String body, String errorType) {
    public static Reply faces(Face... faces) {
      ObjectNode root = Json.mapper().createObjectNode();
      ArrayNode details = root.putArray("FaceDetails");
      for (Face face : faces) {
        ObjectNode detail = details.addObject();
        ObjectNode box = detail.putObject("BoundingBox");
        box.put("Width", face.width());
        box.put("Height", face.height());
        box.put("Left", face.left());
        box.put("Top", face.top());
        detail.put("Confidence", face.confidence());
        if (face.pose() != null) {
          ObjectNode pose = detail.putObject("Pose");
          pose.put("Yaw", face.pose().yaw());
          pose.put("Pitch", face.pose().pitch());
          pose.put("Roll", face.pose().roll());
        }
        if (!face.landmarks().isEmpty()) {
          ArrayNode landmarks = detail.putArray("Landmarks");
          for (Landmark point : face.landmarks()) {
            landmarks.addObject().put("Type", point.type()).put("X", point.x()).put("Y", point.y());
          }
        }
      }
      return new Reply(200, root.toString(), null);
    }

    public static Reply error(int status, String type, String message) {
      ObjectNode root = Json.mapper().createObjectNode();
      root.put("__type", type);
      root.put("message", message);
      return new Reply(status, root.toString(), type);
    }

    /** Rekognition's model gives ThrottlingException HTTP 500 (it is a service fault there). */
    public static Reply throttling() {
      return error(500, "ThrottlingException", "Rate exceeded");
    }

    public static Reply provisionedThroughputExceeded() {
      return error(400, "ProvisionedThroughputExceededException", "Provisioned rate exceeded");
    }

    public static Reply invalidImageFormat() {
      return error(400, "InvalidImageFormatException", "Request has invalid image format");
    }

    public static Reply accessDenied() {
      return error(
          400,
          "AccessDeniedException",
          "User is not authorized to perform rekognition:DetectFaces");
    }

    public static Reply imageTooLarge() {
      return error(400, "ImageTooLargeException", "Image size is too large");
    }

    public static Reply serverError() {
      return error(500, "InternalServerError", "Internal server error");
    }

    /**
     * The same reply with the error code in the body only, namespaced the way Smithy-based front
     * ends write it ({@code com.amazonaws.rekognition#ThrottlingException}).
     */
    public Reply withoutErrorTypeHeader() {
      ObjectNode root = (ObjectNode) readTree(body);
      String type = root.path("__type").asText();
      root.put("__type", "com.amazonaws.rekognition#" + type);
      return new Reply(status, root.toString(), null);
    }
  }

  /** A DetectFaces request as received: when, and the image bytes after base64 decoding. */
  public record Request(long receivedNanos, byte[] image, JsonNode body) {
    public int imageSize() {
      return image.length;
    }
  }

  private final HttpServer server;
  private final ExecutorService executor = Executors.newFixedThreadPool(8);
  private final ConcurrentLinkedDeque<Reply> script = new ConcurrentLinkedDeque<>();
  private final ConcurrentLinkedDeque<Request> requests = new ConcurrentLinkedDeque<>();
  private volatile Reply fallback = Reply.faces();

  private RekognitionStub(HttpServer server) {
    this.server = server;
  }

  public static RekognitionStub start() throws IOException {
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    RekognitionStub stub = new RekognitionStub(server);
    server.createContext("/", stub::handle);
    server.setExecutor(stub.executor);
    server.start();
    return stub;
  }

  public URI endpoint() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  /** Every request not otherwise scripted is answered with these faces. */
  public RekognitionStub respondFaces(Face... faces) {
    fallback = Reply.faces(faces);
    return this;
  }

  /** Every request not otherwise scripted gets this reply. */
  public RekognitionStub respondAlways(Reply reply) {
    fallback = reply;
    return this;
  }

  /** The next requests get these replies, in order, before the default applies again. */
  public RekognitionStub thenRespond(Reply... replies) {
    script.addAll(List.of(replies));
    return this;
  }

  public List<Request> requests() {
    return new ArrayList<>(requests);
  }

  private void handle(HttpExchange exchange) throws IOException {
    try {
      String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
      byte[] raw;
      try (InputStream in = exchange.getRequestBody()) {
        raw = in.readAllBytes();
      }
      if (!"POST".equals(exchange.getRequestMethod()) || !TARGET.equals(target)) {
        send(exchange, Reply.error(400, "UnknownOperationException", "unexpected " + target));
        return;
      }
      String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
      if (!CONTENT_TYPE.equals(contentType)) {
        send(
            exchange,
            Reply.error(400, "SerializationException", "unexpected content type " + contentType));
        return;
      }
      JsonNode body;
      try {
        body = Json.mapper().readTree(raw);
      } catch (IOException e) {
        send(exchange, Reply.error(400, "SerializationException", "request body is not JSON"));
        return;
      }
      String base64 = body.path("Image").path("Bytes").asText("");
      byte[] image;
      try {
        image = Base64.getDecoder().decode(base64);
      } catch (IllegalArgumentException e) {
        send(exchange, Reply.error(400, "InvalidParameterException", "Image.Bytes is not base64"));
        return;
      }
      requests.add(new Request(System.nanoTime(), image, body));
      Reply scripted = script.poll();
      send(exchange, scripted != null ? scripted : fallback);
    } finally {
      exchange.close();
    }
  }

  private static JsonNode readTree(String json) {
    try {
      return Json.mapper().readTree(json);
    } catch (IOException e) {
      throw new IllegalStateException("scripted reply is not JSON: " + json, e);
    }
  }

  private static void send(HttpExchange exchange, Reply reply) throws IOException {
    byte[] bytes = reply.body().getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", CONTENT_TYPE);
    exchange.getResponseHeaders().set("x-amzn-RequestId", UUID.randomUUID().toString());
    if (reply.errorType() != null) {
      // The service appends the error's namespace after a colon; the SDK keeps the part before it.
      exchange
          .getResponseHeaders()
          .set(
              "x-amzn-ErrorType",
              reply.errorType() + ":http://internal.amazon.com/coral/com.amazonaws.rekognition/");
    }
    exchange.sendResponseHeaders(reply.status(), bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
