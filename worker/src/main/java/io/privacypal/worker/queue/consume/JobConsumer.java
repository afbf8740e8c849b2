package io.privacypal.worker.queue.consume;

import io.privacypal.common.metrics.PrivacypalMetrics;
import io.privacypal.worker.queue.ConsumerSettings;
import io.privacypal.worker.queue.JobQueueReceiver;
import io.privacypal.worker.queue.QueueMessage;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes jobs from the SQS job queue and runs each on one of a fixed number of slots. The poll loop
 * asks SQS for no more messages than there are free slots, so no message waits hidden in this
 * worker while another worker could run it. What a message leads to is the handler's business.
 */
public final class JobConsumer implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(JobConsumer.class);
  private static final Duration PERMIT_WAIT = Duration.ofMillis(200);
  private static final Duration RECEIVE_ERROR_PAUSE = Duration.ofSeconds(1);
  private static final Duration RELEASE_WAIT = Duration.ofSeconds(10);
  private static final Duration INTERRUPT_WAIT = Duration.ofSeconds(2);

  private final JobQueueReceiver queue;
  private final ConsumerSettings settings;
  private final MessageHandler handler;
  private final Semaphore freeSlots;
  private final ExecutorService slots;
  private final Thread poller;
  private final CountDownLatch stopSignal = new CountDownLatch(1);
  private final AtomicBoolean started = new AtomicBoolean();
  private final AtomicBoolean stopped = new AtomicBoolean();
  private volatile boolean receiving = true;

  public JobConsumer(
      JobQueueReceiver queue,
      MessageHandler handler,
      ConsumerSettings settings,
      PrivacypalMetrics metrics) {
    this.queue = queue;
    this.settings = settings;
    this.handler = handler;
    this.freeSlots = new Semaphore(settings.slots());
    metrics.gauge("privacypal.worker.slots", "Job slots of this worker", settings::slots);
    metrics.gauge(
        "privacypal.worker.slots.busy",
        "Slots running or about to receive a job",
        () -> settings.slots() - freeSlots.availablePermits());
    AtomicInteger slotNumber = new AtomicInteger();
    this.slots =
        Executors.newFixedThreadPool(
            settings.slots(), r -> daemon(r, "privacypal-slot-" + slotNumber.incrementAndGet()));
    this.poller = daemon(this::pollLoop, "privacypal-poll");
  }

  public void start() {
    if (stopped.get() || !started.compareAndSet(false, true)) {
      throw new IllegalStateException("a consumer starts once");
    }
    log.info(
        "worker {} taking jobs from {} with {} slots",
        settings.workerId(),
        queue.url(),
        settings.slots());
    poller.start();
  }

  /** Jobs running now, by id. */
  public List<String> runningJobIds() {
    return handler.runningJobIds();
  }

  @Override
  public void close() {
    stop(settings.shutdownGrace());
  }

  /**
   * Stops receiving, lets running jobs finish for up to {@code grace}, then cancels the rest and
   * releases them to the queue (visible at once, status QUEUED) for another worker.
   */
  public void stop(Duration grace) {
    if (!stopped.compareAndSet(false, true)) {
      return;
    }
    long deadline = System.nanoTime() + grace.toNanos();
    receiving = false;
    stopSignal.countDown();
    slots.shutdown();
    try {
      // The poll loop ends first, so no receive in flight takes back a job released below.
      if (started.get()) {
        poller.join(settings.pollWait().plus(RELEASE_WAIT).toMillis());
        if (poller.isAlive()) {
          log.warn("the poll loop did not end; interrupting it");
          poller.interrupt();
        }
      }
      long left = Math.max(0, deadline - System.nanoTime());
      if (!slots.awaitTermination(left, TimeUnit.NANOSECONDS)) {
        log.info("grace period over: releasing jobs {} to the queue", handler.runningJobIds());
        handler.releaseAll("the worker is stopping");
        if (!slots.awaitTermination(RELEASE_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
          log.warn("jobs {} ignored the cancel: interrupting them", handler.runningJobIds());
          slots.shutdownNow();
          if (!slots.awaitTermination(INTERRUPT_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
            log.warn(
                "jobs {} still run; their messages reappear after the visibility timeout",
                handler.runningJobIds());
          }
        }
      }
    } catch (InterruptedException e) {
      handler.releaseAll("the worker is stopping");
      Thread.currentThread().interrupt();
    } finally {
      handler.close();
    }
    log.info("worker {} stopped", settings.workerId());
  }

  private void pollLoop() {
    while (receiving) {
      int permits;
      try {
        permits = acquireFreeSlots();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
      if (permits > 0) {
        receiveInto(permits);
      }
    }
  }

  /** Waits briefly for one free slot, then takes every other free one (at most ten in all). */
  private int acquireFreeSlots() throws InterruptedException {
    if (!freeSlots.tryAcquire(PERMIT_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
      return 0;
    }
    int permits = 1;
    while (permits < ConsumerSettings.MAX_MESSAGES_PER_RECEIVE && freeSlots.tryAcquire()) {
      permits++;
    }
    return permits;
  }

  private void receiveInto(int permits) {
    List<QueueMessage> messages;
    try {
      messages = queue.receive(permits, settings.pollWait(), settings.visibilityTimeout());
    } catch (RuntimeException e) {
      freeSlots.release(permits);
      log.warn("receiving from {} failed; trying again", queue.url(), e);
      pauseAfterError();
      return;
    }
    freeSlots.release(permits - messages.size());
    messages.forEach(this::dispatch);
  }

  private void dispatch(QueueMessage message) {
    if (receiving) {
      try {
        slots.execute(() -> runSlot(message));
        return;
      } catch (RejectedExecutionException e) {
        log.info("message {} arrived while stopping: handing it back", message.messageId());
      }
    }
    freeSlots.release();
    handBack(message);
  }

  private void runSlot(QueueMessage message) {
    try {
      handler.handle(message);
    } catch (RuntimeException e) {
      log.error(
          "message {} could not be handled; SQS shows it again after the visibility timeout",
          message.messageId(),
          e);
    } finally {
      freeSlots.release();
    }
  }

  /** A message received but never started: visible again at once, its status untouched. */
  private void handBack(QueueMessage message) {
    try {
      queue.changeVisibility(message, Duration.ZERO);
    } catch (RuntimeException e) {
      log.warn(
          "could not hand back message {}; it reappears after the visibility timeout",
          message.messageId(),
          e);
    }
  }

  private void pauseAfterError() {
    try {
      stopSignal.await(RECEIVE_ERROR_PAUSE.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      receiving = false;
    }
  }

  private static Thread daemon(Runnable r, String name) {
    Thread t = new Thread(r, name);
    t.setDaemon(true);
    return t;
  }
}
