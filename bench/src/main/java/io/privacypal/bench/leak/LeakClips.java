package io.privacypal.bench.leak;

import io.privacypal.bench.leak.Shot.Region;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The benchmark's clips, each made to be hard in one way: a moving, zooming camera over a photo
 * full of people; turned, bowed and tilted heads; faces from 24 to 300 px; entries and exits at up
 * to 60 px a frame; two faces crossing, one hiding the other; a scene cut while faces move; and a
 * minute of 1080p with all of it. Backdrops are whole photos (their people are true faces too) or
 * photo regions below everyone's head (sofas, legs, floors: texture without faces). Photos and
 * heads are numbered as in {@link HeadLabels}.
 */
final class LeakClips {
  private static final Map<String, Supplier<LeakClip>> CLIPS = new LinkedHashMap<>();

  static {
    CLIPS.put("pan-zoom", LeakClips::panZoom);
    CLIPS.put("turned-heads", LeakClips::turnedHeads);
    CLIPS.put("sizes", LeakClips::sizes);
    CLIPS.put("fast-edges", LeakClips::fastEdges);
    CLIPS.put("crossing", LeakClips::crossing);
    CLIPS.put("scene-cut", LeakClips::sceneCut);
    CLIPS.put("long-1080p", LeakClips::long1080p);
  }

  // Faceless backdrops: below the lowest labelled head of each photo.
  static final Region SOFA = new Region(0, 560, 1920, 807);
  static final Region FLOOR = new Region(0, 480, 1920, 968);
  static final Region BLINDS = new Region(0, 800, 1920, 737);
  static final Region LAPS = new Region(0, 720, 1920, 560);

  private LeakClips() {}

  static List<String> names() {
    return List.copyOf(CLIPS.keySet());
  }

  static LeakClip named(String name) {
    Supplier<LeakClip> clip = CLIPS.get(name);
    if (clip == null) {
      throw new IllegalArgumentException("no leak clip " + name + "; there are " + names());
    }
    return clip.get();
  }

  /** The camera pans across a party and zooms in and out; two small faces walk past. */
  static LeakClip panZoom() {
    Motion camera =
        Motion.from(0, 700, 600, 1920, 0)
            .to(90, 1200, 560, 1500, 0)
            .to(199, 900, 700, 1800, 0)
            .build();
    List<Actor> actors =
        List.of(
            walk("walker-40px", 6, 2, false, 10, 190, -30, 560, 1310, 600, 40, 0, 0),
            walk("walker-70px", 4, 3, true, 0, 160, 1330, 620, 200, 640, 70, 0, 8));
    return new LeakClip(
        "pan-zoom", 1280, 720, 200, 4, List.of(new Shot(0, 200, 3, Region.WHOLE, camera, actors)));
  }

  /** Profiles both ways, bowed and tilted heads, turning slowly, over a sofa. */
  static LeakClip turnedHeads() {
    Motion camera = Motion.from(0, 500, 400, 1400, 0).to(199, 1300, 400, 1300, 0).build();
    List<Actor> actors =
        List.of(
            walk("profile-left", 2, 1, false, 0, 199, 200, 200, 320, 230, 200, -10, 15),
            walk("profile-right", 2, 1, true, 0, 199, 1100, 220, 980, 200, 150, 10, -20),
            walk("turned-tilted", 4, 1, false, 0, 199, 620, 150, 700, 180, 120, -30, 20),
            walk("bowed", 2, 2, false, 0, 199, 500, 520, 420, 500, 90, 0, -25),
            walk("tilted", 1, 3, true, 0, 199, 880, 540, 960, 520, 70, 30, -30),
            walk("profile-small", 2, 1, true, 0, 199, 1180, 600, 1100, 620, 48, 0, 25));
    return new LeakClip(
        "turned-heads", 1280, 720, 200, 3, List.of(new Shot(0, 200, 4, SOFA, camera, actors)));
  }

  /** Heads of 24 to 300 px drifting over a floor at 1080p. */
  static LeakClip sizes() {
    Motion camera = Motion.from(0, 700, 500, 1600, 0).to(149, 1100, 420, 1500, 0).build();
    int[] heights = {24, 32, 48, 72, 110, 160, 220, 300};
    int[][] people = {{6, 1}, {6, 2}, {3, 2}, {5, 1}, {1, 1}, {6, 3}, {3, 3}, {4, 4}};
    double[] xs = {120, 260, 430, 640, 900, 1200, 1520, 1700};
    double[] ys = {160, 900, 220, 800, 260, 760, 300, 760};
    List<Actor> actors = new ArrayList<>();
    for (int i = 0; i < heights.length; i++) {
      double drift = (i % 2 == 0 ? 1 : -1) * 2.0 * 149;
      actors.add(
          walk(
              "head-" + heights[i] + "px",
              people[i][0],
              people[i][1],
              i % 3 == 0,
              0,
              149,
              xs[i],
              ys[i],
              xs[i] + drift,
              ys[i] + drift / 4,
              heights[i],
              0,
              i % 2 == 0 ? 10 : -10));
    }
    return new LeakClip(
        "sizes", 1920, 1080, 150, 4, List.of(new Shot(0, 150, 4, FLOOR, camera, actors)));
  }

  /** Faces entering and leaving through every edge at 20 to 60 px a frame, at 1080p. */
  static LeakClip fastEdges() {
    Motion camera = Motion.from(0, 800, 380, 1700, 0).to(149, 1200, 360, 1600, 0).build();
    List<Actor> actors =
        List.of(
            walk("left-in-60px/f", 3, 1, false, 5, 45, -120, 500, 2280, 540, 120, 0, 0),
            walk("right-in-40px/f", 5, 3, true, 20, 76, 2020, 300, -220, 320, 80, 0, 10),
            walk("top-in-30px/f", 1, 1, false, 40, 85, 900, -160, 960, 1240, 160, 10, -10),
            Motion.from(60, -60, 800, 48, 0)
                .to(95, 640, 800, 48, 0)
                .to(105, 640, 800, 48, 0)
                .to(127, 2000, 780, 48, 0)
                .actor("stop-and-go-48px", 6, 4, false),
            walk("left-out-50px/f", 2, 3, false, 100, 140, 1000, 560, -1000, 600, 200, 0, -15),
            walk("right-out-60px/f-32px", 4, 2, true, 110, 145, 1200, 260, 3300, 300, 32, 0, 0));
    return new LeakClip(
        "fast-edges", 1920, 1080, 150, 4, List.of(new Shot(0, 150, 6, BLINDS, camera, actors)));
  }

  /** Two faces cross, the nearer hiding the farther; then two small ones cross faster. */
  static LeakClip crossing() {
    Motion camera = Motion.from(0, 900, 280, 1100, 0).to(149, 1000, 280, 1050, 0).build();
    List<Actor> actors =
        List.of(
            walk("far-130px", 3, 2, false, 0, 149, 150, 330, 1350, 340, 130, 0, 0),
            walk("near-110px", 6, 1, false, 0, 149, 1150, 360, -50, 350, 110, 0, 0),
            walk("far-50px", 5, 3, false, 30, 110, -40, 150, 1320, 160, 50, 0, 0),
            walk("near-60px", 4, 3, true, 30, 110, 1320, 170, -40, 160, 60, 0, 0));
    return new LeakClip(
        "crossing", 1280, 720, 150, 3, List.of(new Shot(0, 150, 1, LAPS, camera, actors)));
  }

  /** A cut at frame 80 (between keyframes) while faces move on both sides of it. */
  static LeakClip sceneCut() {
    Shot before =
        new Shot(
            0,
            80,
            3,
            Region.WHOLE,
            Motion.from(0, 800, 650, 1900, 0).to(79, 1000, 650, 1850, 0).build(),
            List.of(
                walk("before-100px", 2, 1, true, 0, 79, 100, 560, 1050, 560, 100, 0, 0),
                walk("before-50px", 5, 3, false, 0, 79, 1200, 640, 400, 620, 50, 0, 10)));
    Shot after =
        new Shot(
            80,
            150,
            5,
            Region.WHOLE,
            Motion.from(80, 900, 700, 1800, 0).to(149, 1100, 700, 1750, 0).build(),
            List.of(
                walk("after-90px", 4, 2, false, 80, 149, 640, 600, 1690, 620, 90, 0, 0),
                walk("after-40px", 6, 4, true, 80, 149, 1250, 120, -150, 160, 40, 0, 0)));
    return new LeakClip("scene-cut", 1280, 720, 150, 4, List.of(before, after));
  }

  /** A minute at 1080p: six shots of ten seconds, each with its own backdrop and movers. */
  static LeakClip long1080p() {
    List<Shot> shots = new ArrayList<>();
    shots.add(
        new Shot(
            0,
            250,
            6,
            Region.WHOLE,
            Motion.from(0, 960, 800, 1920, 0)
                .to(120, 900, 700, 1400, 0)
                .to(249, 1000, 760, 1900, 0)
                .build(),
            List.of(
                walk("s1-walker-60px", 3, 1, false, 0, 249, -60, 950, 2000, 900, 60, 0, 0),
                walk("s1-runner-100px", 4, 2, true, 100, 160, 2000, 500, -100, 520, 100, 0, 5))));
    shots.add(
        new Shot(
            250,
            500,
            4,
            FLOOR,
            Motion.from(250, 400, 480, 1700, 0).to(499, 1500, 480, 1600, 0).build(),
            List.of(
                walk("s2-profile-180px", 2, 1, false, 250, 499, 300, 400, 1500, 460, 180, -15, 20),
                walk("s2-turned-120px", 4, 1, true, 250, 499, 1600, 600, 700, 560, 120, 25, -25),
                walk("s2-bowed-70px", 2, 2, false, 300, 420, 2000, 850, -100, 830, 70, 0, -20))));
    shots.add(
        new Shot(
            500,
            750,
            5,
            Region.WHOLE,
            Motion.from(500, 960, 700, 1900, 0).to(749, 900, 650, 1500, 0).build(),
            List.of(
                walk("s3-far-140px", 6, 2, false, 500, 749, 100, 850, 1800, 870, 140, 0, 0),
                walk("s3-near-120px", 1, 1, false, 500, 749, 1800, 880, 100, 860, 120, 0, 0))));
    shots.add(
        new Shot(
            750,
            1000,
            2,
            SOFA,
            Motion.from(750, 700, 400, 1400, 0).to(999, 900, 400, 1400, 0).build(),
            List.of(
                walk("s4-left-in-60px/f", 3, 3, false, 760, 800, -200, 500, 2200, 520, 150, 0, 0),
                walk(
                    "s4-right-in-40px/f-24px",
                    6,
                    3,
                    true,
                    800,
                    855,
                    2000,
                    300,
                    -100,
                    300,
                    24,
                    0,
                    0),
                walk(
                    "s4-exit-50px/f-300px", 5, 4, false, 880, 920, 900, 560, -1100, 560, 300, 0, 0),
                walk(
                    "s4-top-in-30px/f",
                    4,
                    4,
                    false,
                    930,
                    975,
                    1300,
                    -150,
                    1350,
                    1200,
                    90,
                    -10,
                    10))));
    shots.add(
        new Shot(
            1000,
            1250,
            1,
            Region.WHOLE,
            Motion.from(1000, 1000, 700, 1900, 0).to(1249, 900, 640, 1700, 0).build(),
            List.of(
                walk("s5-tilted-110px", 2, 3, false, 1000, 1249, 1700, 900, 300, 850, 110, 30, -30),
                walk("s5-walker-80px", 3, 1, true, 1050, 1249, -80, 300, 1900, 320, 80, 0, 0))));
    shots.add(
        new Shot(
            1250,
            1500,
            3,
            Region.WHOLE,
            Motion.from(1250, 900, 680, 1850, 0).to(1499, 1000, 680, 1900, 0).build(),
            List.of(
                walk("s6-small-24px", 4, 2, false, 1250, 1499, 200, 950, 1700, 930, 24, 0, 0),
                walk("s6-small-32px", 6, 4, true, 1250, 1499, 1750, 1000, 150, 980, 32, 0, 0),
                walk("s6-small-40px", 5, 1, false, 1300, 1450, -40, 80, 1960, 100, 40, 0, 0))));
    return new LeakClip("long-1080p", 1920, 1080, 1500, 3.5, shots);
  }

  /** An actor moving in a straight line from frame {@code f0} to {@code f1}, turning its tilt. */
  private static Actor walk(
      String id,
      int photo,
      int head,
      boolean mirrored,
      int f0,
      int f1,
      double x0,
      double y0,
      double x1,
      double y1,
      double size,
      double angle0,
      double angle1) {
    return new Actor(
        id,
        photo,
        head,
        mirrored,
        Motion.from(f0, x0, y0, size, angle0).to(f1, x1, y1, size, angle1).build());
  }
}
