package io.privacypal.app.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.privacypal.common.config.ConfigSource;
import io.privacypal.common.job.InvalidJobOptionsException;
import io.privacypal.common.job.JobOptions;
import io.privacypal.common.json.Json;

/**
 * Job options from flags, so {@code process} and {@code enqueue} take the same options as a job
 * (the detector is {@code --detector}, i.e. PRIVACYPAL_DETECTOR):
 * {@code --blur-mode}, {@code --mask}, {@code --keyframe-interval}, {@code
 * --box-scale}, {@code --blur-faces=false}, {@code --regions '[{"x":0,"y":0,"width":10,"height":10}]'}
 * and {@code --options-json '{...}'} underneath them all.
 */
final class JobOptionsFlags {
  private JobOptionsFlags() {}

  static JobOptions read(ConfigSource config) {
    try {
      ObjectNode json =
          (ObjectNode) Json.mapper().readTree(config.get("PRIVACYPAL_OPTIONS_JSON", "{}"));
      config.get("PRIVACYPAL_BLUR_MODE").ifPresent(v -> json.put("blurMode", v));
      config.get("PRIVACYPAL_MASK").ifPresent(v -> json.put("mask", v));
      config.get("PRIVACYPAL_KEYFRAME_INTERVAL").ifPresent(v -> json.put("keyframeIntervalSeconds", Double.parseDouble(v)));
      config.get("PRIVACYPAL_BOX_SCALE").ifPresent(v -> json.put("boxScale", Double.parseDouble(v)));
      config.get("PRIVACYPAL_BLUR_FACES").ifPresent(v -> json.put("blurFaces", Boolean.parseBoolean(v)));
      if (config.get("PRIVACYPAL_REGIONS").isPresent()) {
        json.set("regions", Json.mapper().readTree(config.get("PRIVACYPAL_REGIONS").get()));
      }
      return Json.mapper().treeToValue(json, JobOptions.class);
    } catch (InvalidJobOptionsException e) {
      throw new UsageException("invalid options: " + e.getMessage());
    } catch (Exception e) {
      Throwable cause = e;
      while (cause.getCause() != null) {
        cause = cause.getCause();
      }
      throw new UsageException("invalid options: " + cause.getMessage());
    }
  }
}
