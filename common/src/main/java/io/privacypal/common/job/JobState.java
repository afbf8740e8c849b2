package io.privacypal.common.job;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * The job lifecycle. {@link #ALLOWED} is the single table of legal moves; everything that writes a
 * status goes through {@link #checkTransition}, so a late or duplicate message can never move a
 * finished job backwards.
 */
public enum JobState {
  QUEUED,
  PROCESSING,
  SUCCEEDED,
  FAILED,
  CANCELLED;

  private static final Map<JobState, Set<JobState>> ALLOWED =
      Map.of(
          QUEUED, EnumSet.of(PROCESSING, FAILED, CANCELLED),
          // PROCESSING -> PROCESSING is a progress or heartbeat write; -> QUEUED is a retry or a
          // release on shutdown.
          PROCESSING, EnumSet.of(PROCESSING, QUEUED, SUCCEEDED, FAILED, CANCELLED),
          SUCCEEDED, EnumSet.noneOf(JobState.class),
          // Only an operator's dead-letter redrive brings a failed job back.
          FAILED, EnumSet.of(QUEUED),
          CANCELLED, EnumSet.noneOf(JobState.class));

  public boolean isTerminal() {
    return this == SUCCEEDED || this == FAILED || this == CANCELLED;
  }

  public boolean canMoveTo(JobState next) {
    return ALLOWED.get(this).contains(next);
  }

  public void checkTransition(JobState next) {
    if (!canMoveTo(next)) {
      throw new IllegalJobTransitionException(this, next);
    }
  }
}
