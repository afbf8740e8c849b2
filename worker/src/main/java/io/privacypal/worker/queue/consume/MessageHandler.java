package io.privacypal.worker.queue.consume;

import io.privacypal.worker.queue.QueueMessage;
import java.util.List;

/**
 * What the consumer hands each received message to on a slot's thread, and asks to let go of its
 * jobs when the worker stops.
 */
public interface MessageHandler {
  /** Takes one message to its outcome; returns when the slot is free again. */
  void handle(QueueMessage message);

  /** The jobs being handled now, by id. */
  List<String> runningJobIds();

  /** Asks every running job to stop and go back on the queue for another worker. */
  void releaseAll(String reason);

  /** Ends what runs beside the jobs (their heartbeats); called once after the slots have ended. */
  void close();
}
