package io.privacypal.gateway.clients;

import io.privacypal.common.job.JobStatus;
import java.util.Objects;

/**
 * Who sent a request: the client its API key names. A client sees only the jobs it submitted; an
 * admin (an operator) sees every job, those stored before jobs had owners included.
 *
 * @param name the name jobs are stored under; null only for {@link #OPERATOR}
 */
public record Client(String name, boolean admin) {
  /** Every caller when no keys are configured: one operator, as before clients existed. */
  public static final Client OPERATOR = new Client(null, true);

  /** The attribute under which authentication leaves the client on a request. */
  public static final String ATTRIBUTE = "privacypal.client";

  public boolean sees(JobStatus status) {
    return admin || Objects.equals(name, status.client());
  }

  @Override
  public String toString() {
    return name == null ? "operator" : name + (admin ? " (admin)" : "");
  }
}
