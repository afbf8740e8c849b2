package io.privacypal.worker.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.privacypal.common.config.ConfigException;
import io.privacypal.common.config.ConfigSource;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConsumerSettingsTest {

  @Test
  void defaultsFollowTheQueueAndTheMachine() {
    ConsumerSettings settings = ConsumerSettings.from(ConfigSource.of(Map.of()));

    assertThat(settings.slots()).isEqualTo(Runtime.getRuntime().availableProcessors());
    assertThat(settings.pollWait()).isEqualTo(Duration.ofSeconds(20));
    assertThat(settings.visibilityTimeout()).isEqualTo(Duration.ofSeconds(90));
    assertThat(settings.heartbeatInterval()).isEqualTo(Duration.ofSeconds(45));
    assertThat(settings.maxReceiveCount()).isEqualTo(3);
    assertThat(settings.shutdownGrace()).isEqualTo(Duration.ofSeconds(30));
    assertThat(settings.statusCheckInterval()).isLessThanOrEqualTo(Duration.ofSeconds(1));
    assertThat(settings.workerId()).endsWith("-" + ProcessHandle.current().pid());
    assertThat(settings.strandedSweepInterval()).isEqualTo(Duration.ofMinutes(5));
  }

  @Test
  void strandedSweepIsSetInSecondsAndZeroTurnsItOff() {
    ConsumerSettings every =
        ConsumerSettings.from(ConfigSource.of(Map.of("PRIVACYPAL_STRANDED_SWEEP_SECONDS", "60")));
    ConsumerSettings never =
        ConsumerSettings.from(ConfigSource.of(Map.of("PRIVACYPAL_STRANDED_SWEEP_SECONDS", "0")));

    assertThat(every.strandedSweepInterval()).isEqualTo(Duration.ofSeconds(60));
    assertThat(never.strandedSweepInterval()).isZero();
    assertThatThrownBy(
            () ->
                ConsumerSettings.from(
                    ConfigSource.of(Map.of("PRIVACYPAL_STRANDED_SWEEP_SECONDS", "-1"))))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("PRIVACYPAL_STRANDED_SWEEP_SECONDS");
  }

  @Test
  void aCopyChangesOnlyWhatItIsTold() {
    ConsumerSettings settings = WorkerTestBed.settings("worker-a");

    ConsumerSettings copy = settings.toBuilder().slots(5).build();

    assertThat(settings.toBuilder().build()).isEqualTo(settings);
    assertThat(copy.slots()).isEqualTo(5);
    assertThat(copy.toBuilder().slots(settings.slots()).build()).isEqualTo(settings);
  }

  /** The flags over them: the launcher's CommandFlagsTest. */
  @Test
  void settingsOverrideTheDefaults() {
    ConsumerSettings settings =
        ConsumerSettings.from(
            ConfigSource.of(
                Map.of(
                    "PRIVACYPAL_WORKER_SLOTS", "3",
                    "PRIVACYPAL_MAX_RECEIVE_COUNT", "5",
                    "PRIVACYPAL_SHUTDOWN_GRACE_SECONDS", "7",
                    "PRIVACYPAL_WORKER_ID", "w1")));

    assertThat(settings.slots()).isEqualTo(3);
    assertThat(settings.maxReceiveCount()).isEqualTo(5);
    assertThat(settings.shutdownGrace()).isEqualTo(Duration.ofSeconds(7));
    assertThat(settings.workerId()).isEqualTo("w1");
  }

  @Test
  void retryDelayDoublesPerAttemptUpToItsCap() {
    ConsumerSettings settings =
        ConsumerSettings.from(
            ConfigSource.of(
                Map.of(
                    "PRIVACYPAL_RETRY_DELAY_SECONDS",
                    "10",
                    "PRIVACYPAL_MAX_RETRY_DELAY_SECONDS",
                    "35")));

    assertThat(settings.retryDelay(1)).isEqualTo(Duration.ofSeconds(10));
    assertThat(settings.retryDelay(2)).isEqualTo(Duration.ofSeconds(20));
    assertThat(settings.retryDelay(3)).isEqualTo(Duration.ofSeconds(35));
    assertThat(settings.retryDelay(100)).isEqualTo(Duration.ofSeconds(35));
  }

  @Test
  void impossibleValuesAreRefusedWithTheSettingsName() {
    assertThatThrownBy(
            () -> ConsumerSettings.from(ConfigSource.of(Map.of("PRIVACYPAL_WORKER_SLOTS", "0"))))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("PRIVACYPAL_WORKER_SLOTS");
    assertThatThrownBy(
            () ->
                ConsumerSettings.from(ConfigSource.of(Map.of("PRIVACYPAL_MAX_RECEIVE_COUNT", "0"))))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("PRIVACYPAL_MAX_RECEIVE_COUNT");
    assertThatThrownBy(
            () ->
                ConsumerSettings.from(
                    ConfigSource.of(Map.of("PRIVACYPAL_SHUTDOWN_GRACE_SECONDS", "-1"))))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("PRIVACYPAL_SHUTDOWN_GRACE_SECONDS");
    assertThatThrownBy(
            () ->
                ConsumerSettings.from(
                    ConfigSource.of(Map.of("PRIVACYPAL_POLL_WAIT_SECONDS", "21"))))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("long-poll");
    assertThatThrownBy(
            () ->
                ConsumerSettings.from(
                    ConfigSource.of(Map.of("PRIVACYPAL_VISIBILITY_TIMEOUT_SECONDS", "1"))))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("visibility timeout");
  }
}
