package io.privacypal.app.cli;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * How long this process has been running: on Linux from the kernel's clock since boot, counted from
 * the launcher script's start (it execs java, so the process is the same); elsewhere from the
 * JVM's. ({@code ProcessHandle}'s start instant can be a second off: it adds whole boot seconds.)
 */
final class ProcessAge {
  /** The kernel's USER_HZ, in which /proc reports a process's start: 100 on every Linux port. */
  private static final double TICKS_PER_SECOND = 100;

  private ProcessAge() {}

  static double seconds() {
    try {
      String stat = Files.readString(Path.of("/proc/self/stat"));
      // Field 22 (starttime), counted after the command name, which may hold spaces: ") " ends it.
      String[] fields = stat.substring(stat.lastIndexOf(") ") + 2).split(" ");
      double started = Long.parseLong(fields[19]) / TICKS_PER_SECOND;
      double uptime = Double.parseDouble(Files.readString(Path.of("/proc/uptime")).split(" ")[0]);
      return uptime - started;
    } catch (IOException | RuntimeException notLinux) {
      return ManagementFactory.getRuntimeMXBean().getUptime() / 1000.0;
    }
  }
}
