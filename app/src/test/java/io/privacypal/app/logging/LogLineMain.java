package io.privacypal.app.logging;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/** Run in a child JVM: writes one log line about job {@code job-1}, as a worker would. */
public final class LogLineMain {
  private LogLineMain() {}

  public static void main(String[] args) {
    Logger log = LoggerFactory.getLogger(LogLineMain.class);
    MDC.put("jobId", "job-1");
    log.info("frame {} done", 7);
  }
}
