package io.privacypal.worker.pipeline;

import java.util.ArrayList;
import java.util.List;

/**
 * A job's stop signal. The pipeline checks it between frames and registers what must be stopped at
 * once (its ffmpeg processes), so a cancel takes effect within a frame or two.
 */
public final class Cancellation {
  private final List<Runnable> onCancel = new ArrayList<>();
  private volatile String reason;

  public boolean isCancelled() {
    return reason != null;
  }

  public String reason() {
    return reason;
  }

  public void cancel(String why) {
    List<Runnable> actions;
    synchronized (this) {
      if (reason != null) {
        return;
      }
      reason = why == null ? "cancelled" : why;
      actions = List.copyOf(onCancel);
    }
    actions.forEach(Runnable::run);
  }

  /** Runs {@code action} on cancel, or at once if already cancelled. */
  public void onCancel(Runnable action) {
    synchronized (this) {
      if (reason == null) {
        onCancel.add(action);
        return;
      }
    }
    action.run();
  }

  public void throwIfCancelled() throws JobCancelledException {
    if (reason != null) {
      throw new JobCancelledException(reason);
    }
  }
}
