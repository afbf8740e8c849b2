package io.privacypal.worker.pipeline;

import static io.privacypal.worker.pipeline.PipelineFixture.describe;
import static io.privacypal.worker.pipeline.PipelineFixture.ffmpeg;
import static io.privacypal.worker.pipeline.PipelineFixture.process;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Nothing but pictures and sound leaves with the video: inputs made by ffmpeg carry a person's
 * name, a place, a device and a time in every place a container can hold them, and none of it may
 * reach the output, while its rotation and colour description do.
 */
class MetadataStrippedTest {
  /** What names the person, the place, the device or the time in the inputs below. */
  private static final List<String> IDENTIFYING =
      List.of(
          "Alice", "Smith", "48.8577", "Family reunion", "Bob's phone", "2020-01-01", "Acme Cam");

  private static final Set<String> PLAYBACK_FORMAT_TAGS =
      Set.of("major_brand", "minor_version", "compatible_brands");
  private static final Set<String> PLAYBACK_STREAM_TAGS =
      Set.of("language", "handler_name", "vendor_id", "encoder");

  @TempDir Path dir;
  private Path chapters;
  private Path subtitles;
  private Path cover;

  @BeforeEach
  void writeTheIdentifyingParts() throws Exception {
    chapters =
        Files.writeString(
            dir.resolve("chapters.txt"),
            ";FFMETADATA1\ntitle=Family reunion\nartist=Alice Smith\n"
                + "[CHAPTER]\nTIMEBASE=1/1000\nSTART=0\nEND=1000\ntitle=Alice Smith arrives\n");
    subtitles =
        Files.writeString(
            dir.resolve("subs.srt"), "1\n00:00:00,000 --> 00:00:01,000\nAlice Smith says hi\n");
    cover = dir.resolve("alice-smith.png");
    ffmpeg("-f", "lavfi", "-i", "color=red:s=64x48", "-frames:v", "1", cover.toString());
  }

  private static List<String> picture() {
    return List.of(
        "-f", "lavfi", "-i", "testsrc2=s=320x240:r=25:d=2", "-f", "lavfi", "-i", "sine=duration=2");
  }

  private static List<String> personalTags() {
    return List.of(
        "-metadata", "location=+48.8577+002.2950/",
        "-metadata", "creation_time=2020-01-01T10:00:00Z",
        "-metadata", "comment=filmed by Alice Smith",
        "-metadata:s:v:0", "title=Bob's phone",
        "-metadata:s:a:0", "title=Alice Smith's microphone",
        "-metadata:s:a:0", "handler_name=Alice mic",
        "-metadata:s:a:0", "language=fra");
  }

  @Test
  void mp4WithChaptersTagsSubtitlesDataAndCoverArtKeepsOnlyPictureAndSound() throws Exception {
    Path input = dir.resolve("in.mp4");
    List<String> args = new ArrayList<>(picture());
    args.addAll(
        List.of("-i", chapters.toString(), "-i", subtitles.toString(), "-i", cover.toString()));
    args.addAll(List.of("-map", "0", "-map", "1", "-map", "3", "-map", "4"));
    args.addAll(List.of("-map_metadata", "2", "-map_chapters", "2"));
    args.addAll(
        List.of(
            "-c:v:0",
            "libx264",
            "-preset",
            "ultrafast",
            "-c:v:1",
            "png",
            "-disposition:v:1",
            "attached_pic"));
    args.addAll(List.of("-c:a", "aac", "-c:s", "mov_text"));
    args.addAll(
        List.of("-color_primaries", "bt709", "-color_trc", "bt709", "-colorspace", "bt709"));
    args.addAll(personalTags());
    args.add(input.toString());
    ffmpeg(args.toArray(String[]::new));
    JsonNode in = describe(input);
    assertThat(in.path("chapters")).isNotEmpty();
    assertThat(codecTypes(in)).contains("subtitle", "data");
    assertThat(in.toString()).contains("Alice Smith arrives", "48.8577");

    Path output = dir.resolve("out.mp4");
    process(input, output);

    assertOnlyPlayback(output);
    assertThat(colour(describe(output))).isEqualTo(List.of("bt709", "bt709", "bt709"));
  }

  @Test
  void phoneMovWithPlaceAndDeviceComesOutUprightWithItsColoursAndNothingElse() throws Exception {
    Path plain = dir.resolve("plain.mov");
    List<String> args = new ArrayList<>(picture());
    args.addAll(List.of("-c:v", "libx264", "-preset", "ultrafast", "-c:a", "aac"));
    args.addAll(
        List.of(
            "-color_primaries",
            "smpte170m",
            "-color_trc",
            "smpte170m",
            "-colorspace",
            "smpte170m"));
    args.addAll(personalTags());
    args.add(plain.toString());
    ffmpeg(args.toArray(String[]::new));
    // A copy, as a phone writes it: turned sideways, with the maker's keys for place and device.
    Path input = dir.resolve("phone.mov");
    ffmpeg(
        "-i",
        plain.toString(),
        "-c",
        "copy",
        "-metadata:s:v:0",
        "rotate=90",
        "-movflags",
        "use_metadata_tags",
        "-metadata",
        "com.apple.quicktime.location.ISO6709=+48.8577+002.2950+035.000/",
        "-metadata",
        "com.apple.quicktime.make=Acme Cam",
        "-metadata",
        "com.apple.quicktime.model=Bob's phone",
        "-metadata",
        "com.apple.quicktime.creationdate=2020-01-01T10:00:00+0100",
        input.toString());
    assertThat(describe(input).path("streams").get(0).path("side_data_list").toString())
        .contains("\"rotation\":90");
    assertThat(describe(input).toString())
        .contains("com.apple.quicktime.location.ISO6709", "Acme Cam");

    Path output = dir.resolve("out.mp4");
    process(input, output);

    assertOnlyPlayback(output);
    JsonNode video = describe(output).path("streams").get(0);
    // The rotation is in the pixels now: upright, and nothing left to rotate at playback.
    assertThat(video.path("width").asInt()).isEqualTo(240);
    assertThat(video.path("height").asInt()).isEqualTo(320);
    assertThat(video.path("side_data_list").toString()).doesNotContain("rotation");
    assertThat(colour(describe(output))).isEqualTo(List.of("smpte170m", "smpte170m", "smpte170m"));
  }

  @Test
  void matroskaWithAttachmentsChaptersAndSubtitlesKeepsOnlyPictureAndSound() throws Exception {
    Path notes =
        Files.writeString(dir.resolve("alice-smith-contacts.txt"), "Alice Smith, 12 Rue Example");
    Path input = dir.resolve("in.mkv");
    List<String> args = new ArrayList<>(picture());
    args.addAll(List.of("-i", chapters.toString(), "-i", subtitles.toString()));
    args.addAll(
        List.of("-map", "0", "-map", "1", "-map", "3", "-map_metadata", "2", "-map_chapters", "2"));
    args.addAll(
        List.of("-c:v", "libx264", "-preset", "ultrafast", "-c:a", "libopus", "-c:s", "srt"));
    args.addAll(List.of("-attach", notes.toString(), "-metadata:s:t:0", "mimetype=text/plain"));
    args.addAll(List.of("-attach", cover.toString(), "-metadata:s:t:1", "mimetype=image/png"));
    args.addAll(personalTags());
    args.add(input.toString());
    ffmpeg(args.toArray(String[]::new));
    JsonNode in = describe(input);
    assertThat(codecTypes(in)).contains("subtitle", "attachment");
    assertThat(in.toString()).contains("alice-smith-contacts.txt", "Alice Smith arrives");

    Path output = dir.resolve("out.mp4");
    process(input, output);

    assertOnlyPlayback(output);
  }

  /** One video and one audio stream, no chapters, only the tags players need, no name anywhere. */
  private static void assertOnlyPlayback(Path output) throws Exception {
    JsonNode out = describe(output);
    assertThat(codecTypes(out)).containsExactly("video", "audio");
    assertThat(out.path("chapters")).isEmpty();
    assertThat(tagNames(out.path("format"))).isSubsetOf(PLAYBACK_FORMAT_TAGS);
    for (JsonNode stream : out.path("streams")) {
      assertThat(tagNames(stream)).isSubsetOf(PLAYBACK_STREAM_TAGS);
    }
    // The bytes themselves, not only what ffprobe chooses to show.
    String bytes = new String(Files.readAllBytes(output), StandardCharsets.ISO_8859_1);
    assertThat(IDENTIFYING).noneMatch(bytes::contains);
    assertThat(out.toString()).doesNotContain("\"creation_time\"", "\"location\"");
  }

  private static List<String> codecTypes(JsonNode description) {
    List<String> types = new ArrayList<>();
    description.path("streams").forEach(s -> types.add(s.path("codec_type").asText()));
    return types;
  }

  private static List<String> tagNames(JsonNode node) {
    List<String> names = new ArrayList<>();
    node.path("tags").fieldNames().forEachRemaining(names::add);
    return names;
  }

  private static List<String> colour(JsonNode description) {
    JsonNode video = description.path("streams").get(0);
    return List.of(
        video.path("color_primaries").asText(),
        video.path("color_transfer").asText(),
        video.path("color_space").asText());
  }
}
