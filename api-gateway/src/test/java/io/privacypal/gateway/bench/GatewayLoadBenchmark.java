package io.privacypal.gateway.bench;

import io.privacypal.common.config.ConfigSource;
import io.privacypal.common.queue.JobQueue;
import io.privacypal.common.status.FileJobStatusStore;
import io.privacypal.common.testing.LocalSqs;
import io.privacypal.common.video.DirectoryVideoStore;
import io.privacypal.gateway.GatewayServer;
import io.privacypal.gateway.GatewaySettings;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Load on a real gateway over the embedded queue and a real status directory: N clients each submit
 * R jobs, then poll each of their jobs once. Prints requests/s, p50/p99 latency and errors. In
 * src/test because the embedded ElasticMQ is a test dependency.
 *
 * <p>Run: {@code java -cp <test classpath> io.privacypal.gateway.bench.GatewayLoadBenchmark
 * [clients=16] [requestsPerClient=100] [httpThreads=16]}
 */
public final class GatewayLoadBenchmark {
  private static final Pattern JOB_ID = Pattern.compile("\"jobId\":\"([^\"]+)\"");

  private GatewayLoadBenchmark() {}

  /** Latencies of one kind of request, in nanoseconds, and its error count. */
  private static final class Samples {
    final long[] nanos;
    final AtomicLong next = new AtomicLong();
    final AtomicLong errors = new AtomicLong();
    long wallNanos;

    Samples(int capacity) {
      nanos = new long[capacity];
    }

    void add(long value) {
      nanos[(int) next.getAndIncrement()] = value;
    }

    String report(String name) {
      int n = (int) next.get();
      long[] sorted = Arrays.copyOf(nanos, n);
      Arrays.sort(sorted);
      return String.format(
          "%-8s %6d requests  %8.0f req/s  p50 %6.2f ms  p99 %6.2f ms  max %7.2f ms  errors %d",
          name,
          n,
          n / (wallNanos / 1e9),
          percentile(sorted, 0.50) / 1e6,
          percentile(sorted, 0.99) / 1e6,
          n == 0 ? 0 : sorted[n - 1] / 1e6,
          errors.get());
    }

    private static double percentile(long[] sorted, double p) {
      return sorted.length == 0
          ? 0
          : sorted[(int) Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)];
    }
  }

  public static void main(String[] args) throws Exception {
    int clients = args.length > 0 ? Integer.parseInt(args[0]) : 16;
    int perClient = args.length > 1 ? Integer.parseInt(args[1]) : 100;
    int httpThreads = args.length > 2 ? Integer.parseInt(args[2]) : 16;
    Path root = Files.createTempDirectory("gateway-bench");
    Path videos = Files.createDirectories(root.resolve("videos"));
    for (int c = 0; c < clients; c++) {
      Files.write(videos.resolve("clip-" + c + ".mp4"), new byte[] {0});
    }
    try (LocalSqs sqs = LocalSqs.start()) {
      GatewaySettings settings =
          GatewaySettings.from(
              ConfigSource.of(
                  Map.of(
                      "PRIVACYPAL_HTTP_PORT",
                      "0",
                      "PRIVACYPAL_HTTP_BIND",
                      "127.0.0.1",
                      "PRIVACYPAL_HTTP_THREADS",
                      Integer.toString(httpThreads),
                      "PRIVACYPAL_STATUS_DIRECTORY",
                      root.resolve("status").toString())));
      GatewayServer server =
          new GatewayServer(
                  settings,
                  new FileJobStatusStore(root.resolve("status")),
                  new DirectoryVideoStore(videos, videos.resolve("processed")),
                  new JobQueue(sqs.client(), sqs.queueUrl()),
                  Clock.systemUTC())
              .start();
      try {
        run(server.port(), clients, perClient, httpThreads);
      } finally {
        server.stop();
      }
    }
  }

  private static void run(int port, int clients, int perClient, int httpThreads) throws Exception {
    HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    URI base = URI.create("http://127.0.0.1:" + port);
    Samples submits = new Samples(clients * perClient);
    Samples polls = new Samples(clients * perClient);
    List<List<String>> ids = new ArrayList<>();
    for (int c = 0; c < clients; c++) {
      ids.add(new ArrayList<>());
    }
    ExecutorService pool = Executors.newFixedThreadPool(clients);
    try {
      // Warm-up: JIT, connections, the queue.
      phase(pool, clients, c -> submit(http, base, c, new ArrayList<>(), new Samples(20), 20));
      submits.wallNanos =
          phase(pool, clients, c -> submit(http, base, c, ids.get(c), submits, perClient));
      polls.wallNanos = phase(pool, clients, c -> poll(http, base, ids.get(c), polls));
    } finally {
      pool.shutdownNow();
    }
    System.out.printf(
        "gateway load: %d clients x %d requests, %d HTTP threads, %d CPUs%n",
        clients, perClient, httpThreads, Runtime.getRuntime().availableProcessors());
    System.out.println(submits.report("submit"));
    System.out.println(polls.report("status"));
  }

  private interface ClientWork {
    void run(int client) throws Exception;
  }

  private static long phase(ExecutorService pool, int clients, ClientWork work) throws Exception {
    CountDownLatch start = new CountDownLatch(1);
    CountDownLatch done = new CountDownLatch(clients);
    List<Exception> failures = new ArrayList<>();
    for (int c = 0; c < clients; c++) {
      int client = c;
      pool.execute(
          () -> {
            try {
              start.await();
              work.run(client);
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            } catch (Exception e) {
              synchronized (failures) {
                failures.add(e);
              }
            } finally {
              done.countDown();
            }
          });
    }
    long began = System.nanoTime();
    start.countDown();
    done.await();
    if (!failures.isEmpty()) {
      throw failures.get(0);
    }
    return System.nanoTime() - began;
  }

  private static void submit(
      HttpClient http, URI base, int client, List<String> ids, Samples samples, int count)
      throws IOException, InterruptedException {
    HttpRequest request =
        HttpRequest.newBuilder(base.resolve("/api/v1/jobs"))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString("{\"video\":\"clip-" + client + ".mp4\"}"))
            .build();
    for (int i = 0; i < count; i++) {
      long t = System.nanoTime();
      HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
      samples.add(System.nanoTime() - t);
      Matcher m = JOB_ID.matcher(response.body());
      if (response.statusCode() != 202 || !m.find()) {
        samples.errors.incrementAndGet();
      } else {
        ids.add(m.group(1));
      }
    }
  }

  private static void poll(HttpClient http, URI base, List<String> ids, Samples samples)
      throws IOException, InterruptedException {
    for (String id : ids) {
      HttpRequest request =
          HttpRequest.newBuilder(base.resolve("/api/v1/jobs/" + id)).GET().build();
      long t = System.nanoTime();
      HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
      samples.add(System.nanoTime() - t);
      if (response.statusCode() != 200) {
        samples.errors.incrementAndGet();
      }
    }
  }
}
