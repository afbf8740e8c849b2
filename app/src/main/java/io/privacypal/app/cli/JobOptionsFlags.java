package io.privacypal.app.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.privacypal.common.config.ConfigSource;
import io.privacypal.common.job.InvalidJobOptionsException;
import io.privacypal.common.job.JobOptions;
import io.privacypal.common.json.Json;
import picocli.CommandLine.Option;

/**
 * Job options from flags, so {@code process} and {@code enqueue} take the same options as a job
 * ({@code process} takes the detector as {@code --detector}, its default): {@code --blur-mode},
 * {@code --mask}, {@code --keyframe-interval}, {@code --box-scale}, {@code --blur-faces=false},
 * {@code --regions '[{"x":0,"y":0,"width":10,"height":10}]'} and {@code --options-json '{...}'}
 * underneath them all.
 */
final class JobOptionsFlags {
  @Option(
      names = "--blur-mode",
      paramLabel = "MODE",
      description = "job option blurMode: mosaic, gaussian or fill")
  String blurMode;

  @Option(names = "--mask", paramLabel = "SHAPE", description = "job option mask: box or ellipse")
  String mask;

  @Option(
      names = "--keyframe-interval",
      paramLabel = "SECONDS",
      description = "job option keyframeIntervalSeconds")
  Double keyframeInterval;

  @Option(names = "--box-scale", paramLabel = "FACTOR", description = "job option boxScale")
  Double boxScale;

  @Option(
      names = "--blur-faces",
      arity = "0..1",
      paramLabel = "BOOLEAN",
      description = "job option blurFaces; --blur-faces=false blurs only the regions")
  Boolean blurFaces;

  @Option(
      names = "--regions",
      paramLabel = "JSON",
      description = "job option regions: '[{\"x\":0,\"y\":0,\"width\":10,\"height\":10}]'")
  String regions;

  @Option(
      names = "--options-json",
      paramLabel = "JSON",
      description = "all job options as JSON; the flags above override it")
  String optionsJson;

  static JobOptions read(ConfigSource config) {
    try {
      ObjectNode json =
          (ObjectNode) Json.mapper().readTree(config.get("PRIVACYPAL_OPTIONS_JSON", "{}"));
      config.get("PRIVACYPAL_BLUR_MODE").ifPresent(v -> json.put("blurMode", v));
      config.get("PRIVACYPAL_MASK").ifPresent(v -> json.put("mask", v));
      config
          .get("PRIVACYPAL_KEYFRAME_INTERVAL")
          .ifPresent(v -> json.put("keyframeIntervalSeconds", Double.parseDouble(v)));
      config
          .get("PRIVACYPAL_BOX_SCALE")
          .ifPresent(v -> json.put("boxScale", Double.parseDouble(v)));
      config
          .get("PRIVACYPAL_BLUR_FACES")
          .ifPresent(v -> json.put("blurFaces", Boolean.parseBoolean(v)));
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
