package io.privacypal.worker.track;

import io.privacypal.common.detect.FaceBox;
import io.privacypal.worker.video.Frame;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.opencv.core.Mat;

/**
 * Tracking for one video, in one place: it takes each window of buffered frames (the frames after
 * one keyframe up to and including the next) with the faces found at its keyframe, decides the
 * covers of every frame, and hands back the window before, finished. That window is held until now
 * because a face first found at a keyframe may already have been in the frames before it.
 *
 * <p>Per face it keeps a {@link Track}: where it was at the last keyframe and how fast it moved.
 *
 * <ul>
 *   <li>A face seen at both keyframes moves linearly from one box to the other; faces are paired
 *       where their velocity takes them, and a face that could be paired more than one way (a row
 *       moving past, two crossing) is covered along every plausible pairing. Pairings are judged by
 *       the faces inside the boxes when the detector answers heads: neighbouring heads overlap, and
 *       judged by their heads every pair of neighbours under a moving camera would be covered along
 *       both ways, a band across the picture.
 *   <li>A face that vanished (left through an edge, at a scene cut, behind another face, or missed)
 *       is carried with its velocity up to the keyframe that did not see it (up to the cut at a
 *       cut), from where it was to where that velocity takes it, and followed through the frames
 *       ({@link FaceFollower}); near an edge it is also stretched towards the edge ({@link
 *       EdgeSweep}) and carried one window further, since a face half out of the picture is often
 *       not found; while its box is still cut by an edge it is carried on (up to {@link
 *       #CUT_CARRY_SECONDS}, or as long as it had been tracked, up to {@link
 *       #CUT_CARRY_MAX_SECONDS}). A face tracked over two keyframes or more that vanished in
 *       mid-picture is carried on for one more window, since the network may have missed it, and
 *       further while following it finds it where it is carried to (up to {@link
 *       #CUT_CARRY_SECONDS}). A face that vanished where another face was found over it is not
 *       shown gone: it may be behind that one, and is carried on while a found face overlaps it (up
 *       to {@link #HIDDEN_CARRY_SECONDS}); a smaller face paired with it from inside its box may be
 *       someone passing in front, so it is carried on beside that pairing too.
 *   <li>At a keyframe, a face an edge cuts is covered as large as its track knows it.
 *   <li>A face that first shows at a keyframe is covered from the frame after the previous one, and
 *       followed backwards (as far as the keyframe before the held window, handed back last time
 *       and written only after this call); near an edge it is stretched towards the edge back into
 *       the held window too; the first face of a scene is covered from the scene's first frame.
 *       When following it back lost it, the next keyframe's sighting gives its velocity, and it is
 *       covered back along that in the frames before it was first seen. A face near an edge paired
 *       with one seen only once, away from where following that one said it would be (a false find,
 *       or someone else), is covered the same way.
 *   <li>Nothing crosses a scene cut: the old scene's faces stop at it, the new scene's start at it.
 * </ul>
 */
public final class FaceTracker {
  /**
   * A face found overlapping where its velocity put it this much (IoU) is the same face, even when
   * it could be paired with others: static or steadily moving faces close together are otherwise
   * never sure, and each sure face near an edge would be stretched towards it window after window.
   */
  static final double CONFIRMED_IOU = 0.5;

  /**
   * Faces at top speed are not cut off by rounding: a quarter more than the top speed is reached.
   */
  static final double REACH_MARGIN = 1.25;

  /**
   * A face found overlapping a carried cut face's box (its part in the picture) this much (IoU) is
   * it, found again; a smaller face in front of it (someone walking past) is not.
   */
  static final double FOUND_AGAIN = 0.3;

  /**
   * A finished frame and the face boxes to cover in it. The last frame {@link #add} hands back (a
   * keyframe) may still gain covers until the next call returns; write it only then.
   *
   * @param wholeBoxes those of {@code faces} that stand for where a head may be anywhere inside
   *     (stretched towards an edge, or from where it was to where its velocity takes it), not for
   *     one head's box: a head may sit in their corner, so they are covered whole whatever the mask
   */
  public record CoveredFrame(Frame frame, List<FaceBox> faces, List<FaceBox> wholeBoxes) {}

  /**
   * A face cut by an edge is carried, unless found again, for at most this long: the network often
   * misses a head that an edge cuts, so a keyframe without it does not show it gone; a box that
   * touches an edge and moves no further out (a backdrop head, a false find) is let go after it.
   */
  static final double CUT_CARRY_SECONDS = 3;

  /**
   * A face cut by an edge that had been tracked for longer than {@link #CUT_CARRY_SECONDS} before
   * it was missed is carried as long as it had been tracked, up to this long: a head the network
   * found for many seconds (a backdrop head cut across its eyes as the camera moves) is not a false
   * find, and letting it go after 3 s left it bare.
   */
  static final double CUT_CARRY_MAX_SECONDS = 10;

  /**
   * A face that vanished where a face found at the keyframe overlaps it (someone walking past in
   * front of it, or the detector answering one box for both) is carried, unless found again, for at
   * most this long: a face hidden behind another is no proof that it left, and someone walking past
   * takes a second or so to pass.
   */
  static final double HIDDEN_CARRY_SECONDS = 2;

  /**
   * A found face may hide a vanished one when the two boxes share at least this much of the smaller
   * one: a face in front covers part of the one behind, often only its chin or an ear.
   */
  static final double HIDING_SHARE = 0.1;

  /**
   * A track paired with a face under this share of its area, lying mostly inside its box, may have
   * been paired with a smaller face passing in front of it: the pairing is covered, and the face it
   * had is carried as hidden too, rather than followed to the smaller face.
   */
  static final double TAKEN_OVER_AREA = 0.5;

  /**
   * A face found further than this share of its size from where its velocity put it (or from where
   * it was, when it had none) changed pace between the keyframes and is followed through the frames
   * between them; the straight path errs by about half that at most, within a cover's margin.
   */
  static final double PACE_CHANGE = 0.25;

  /** Why a face not found at the held keyframe is still covered after it. */
  private enum Unseen {
    /** It vanished near an edge: it may be crossing it, or half out and missed. */
    NEAR_EDGE,
    /**
     * It had been found at two keyframes or more and vanished in mid-picture, where no face found
     * hides it: the network may have missed it (half behind a body, blurred, turned away). It is
     * carried on with its velocity for one window (a face that stopped instead is found where it
     * stopped, and covered there from the keyframe before), and further while following it finds it
     * where it is carried to: a 66 px face half behind another's shoulders was missed and leaked
     * where following it back lost it.
     */
    MISSED,
    /** Its box is still cut by an edge, where the network often misses heads. */
    CUT,
    /** A face found at the keyframe overlaps it: it may be behind that one. */
    HIDDEN
  }

  /**
   * A face not found at the held keyframe, seen last {@code since} frames before it, after it had
   * been tracked for {@code tracked} frames.
   */
  private record Carried(Track track, int since, Unseen why, int tracked) {}

  private final int width;
  private final int height;
  private final double faceShare;
  private final double topSpeed;
  private final EdgeSweep edges;
  private final FaceFollower follower;
  private final int cutCarryFrames;
  private final int cutCarryMaxFrames;
  private final int hiddenCarryFrames;
  private final List<Frame> held = new ArrayList<>();
  private List<List<FaceBox>> heldCovers = new ArrayList<>();
  private boolean heldEndsAtCut;

  /**
   * The keyframe before the held window, handed back but not yet written: a face the detector
   * missed at two keyframes in a row and found at the third is followed back into it too (a 24 px
   * head walking in the first frames of a clip leaked in the first one).
   */
  private CoveredFrame handedBack;

  /** The covers of the held frames that are {@link CoveredFrame#wholeBoxes}, by identity. */
  private final Set<FaceBox> wholeBoxes = Collections.newSetFromMap(new IdentityHashMap<>());

  /** The faces at the held window's keyframe; null before the first keyframe. */
  private List<Track> tracks;

  private List<Carried> unseen = List.of();

  /**
   * Which faces of {@link #tracks} were first seen at the held keyframe without being followed back
   * through all the frames before it: where they came from is known once the next keyframe shows
   * their velocity.
   */
  private boolean[] arriving = new boolean[0];

  /** The same for the faces of the keyframe being added. */
  private boolean[] nextArriving = new boolean[0];

  /** For how many frames each face of {@link #tracks} had been paired from keyframe to keyframe. */
  private int[] tracked = new int[0];

  /** The same for the faces of the keyframe being added. */
  private int[] nextTracked = new int[0];

  /** For frames of this size and rate, with boxes that are faces. */
  public FaceTracker(int width, int height, double frameRate) {
    this(width, height, frameRate, 1);
  }

  /**
   * For frames of this size and rate (the rate turns a face's top speed into pixels per frame),
   * with boxes whose face takes {@code faceShare} of each side ({@link
   * io.privacypal.common.detect.FaceDetector#faceShare()}).
   */
  public FaceTracker(int width, int height, double frameRate, double faceShare) {
    if (!(faceShare > 0 && faceShare <= 1)) {
      throw new IllegalArgumentException("a face takes a share in (0, 1] of its box: " + faceShare);
    }
    this.width = width;
    this.height = height;
    this.faceShare = faceShare;
    this.topSpeed = EdgeSweep.topSpeed(Math.max(width, height), frameRate);
    this.edges = new EdgeSweep(width, height, frameRate);
    this.follower = new FaceFollower(width, height, frameRate, faceShare);
    this.cutCarryFrames = (int) Math.round(CUT_CARRY_SECONDS * frameRate);
    this.cutCarryMaxFrames = (int) Math.round(CUT_CARRY_MAX_SECONDS * frameRate);
    this.hiddenCarryFrames = (int) Math.round(HIDDEN_CARRY_SECONDS * frameRate);
  }

  /**
   * @param window the frames after the last keyframe up to and including the next, in order; held
   *     here until the next call (or {@link #finish})
   * @param faces the faces found at that keyframe
   * @param cut whether that keyframe is the first frame of a new scene
   * @return the frames of the window given before, with their covers, in order
   */
  public List<CoveredFrame> add(List<Frame> window, List<FaceBox> faces, boolean cut) {
    if (window.isEmpty()) {
      throw new IllegalArgumentException("a window ends with its keyframe, so it is never empty");
    }
    int n = window.size();
    List<List<FaceBox>> covers = emptyLists(n);
    List<Track> found = new ArrayList<>(faces.size());
    faces.forEach(face -> found.add(Track.seen(face)));
    nextArriving = new boolean[faces.size()];
    nextTracked = new int[faces.size()];
    if (tracks == null) {
      covers.forEach(frame -> frame.addAll(faces));
    } else if (cut) {
      covers.get(n - 1).addAll(faces);
      // The frames before the keyframe are the old scene: its faces go on to the cut, no further.
      for (Carried face : unseen) {
        if (face.why() == Unseen.HIDDEN) {
          carryOn(face, covers, n - 1);
        } else {
          carry(face.track(), face.since(), face.since(), covers, n - 1);
        }
      }
      for (Track face : tracks) {
        carryVanished(face, window, n - 1, covers);
      }
      unseen = List.of();
    } else {
      unseen = between(window, found, covers);
      // A face an edge cuts is as large as its track knows it at the keyframe too, as between them:
      // a cover grown from the cut part alone leaves its chin or brow bare.
      found.forEach(face -> covers.get(n - 1).add(face.box()));
    }
    // The video's first frame starts a scene as a cut does: a face the first keyframe missed is
    // covered there too once a later keyframe finds it.
    boolean sceneStarts = cut || tracks == null;
    tracks = found;
    arriving = nextArriving;
    tracked = nextTracked;
    List<CoveredFrame> finished = finish();
    handedBack = finished.isEmpty() ? null : finished.get(finished.size() - 1);
    held.addAll(window);
    heldCovers = covers;
    heldEndsAtCut = sceneStarts;
    Set<FaceBox> stillHeld = Collections.newSetFromMap(new IdentityHashMap<>());
    heldCovers.forEach(stillHeld::addAll);
    wholeBoxes.retainAll(stillHeld);
    return finished;
  }

  /** The held frames with their covers: at the end of the video. */
  public List<CoveredFrame> finish() {
    List<CoveredFrame> finished = new ArrayList<>(held.size());
    for (int i = 0; i < held.size(); i++) {
      List<FaceBox> faces = heldCovers.get(i);
      finished.add(
          new CoveredFrame(
              held.get(i), faces, faces.stream().filter(wholeBoxes::contains).toList()));
    }
    held.clear();
    heldCovers = new ArrayList<>();
    return finished;
  }

  /**
   * Covers a window within one scene; returns the faces not found at its keyframe that are carried
   * on (near an edge, cut by one, hidden behind a face found there, or missed).
   */
  private List<Carried> between(List<Frame> window, List<Track> found, List<List<FaceBox>> covers) {
    int n = window.size();
    List<FaceBox> faces = found.stream().map(Track::box).toList();
    List<Carried> carriedOn = new ArrayList<>();
    for (Carried face : unseen) {
      if (face.why() == Unseen.NEAR_EDGE) {
        carry(face.track(), face.since(), face.since(), covers, n);
      } else {
        carryOn(face, covers, n);
      }
      Optional<Carried> onwards =
          switch (face.why()) {
            case HIDDEN -> stillHidden(face, n, faces);
            case MISSED -> stillMissed(face, window, faces);
            default -> stillCut(face, window, faces);
          };
      // A face carried for another reason may have gone behind a face found where it is now: a
      // half-hidden head near the bottom edge was let go when its box no longer touched the edge
      // and leaked for 4 frames of long-1080p at keyframes 6 frames apart.
      (onwards.isEmpty() && face.why() != Unseen.HIDDEN ? stillHidden(face, n, faces) : onwards)
          .ifPresent(carriedOn::add);
    }
    List<FaceBox> predicted = tracks.stream().map(track -> track.ahead(n)).toList();
    boolean[] previousMatched = new boolean[tracks.size()];
    boolean[] currentMatched = new boolean[faces.size()];
    boolean[] previousConfirmed = new boolean[tracks.size()];
    boolean[] previousTakenOver = new boolean[tracks.size()];
    boolean[] currentConfirmed = new boolean[faces.size()];
    boolean[] currentUnsure = new boolean[faces.size()];
    List<FaceBox> predictedFaces = inner(predicted);
    List<FaceBox> foundFaces = inner(faces);
    List<BoxMatcher.Pair> matched = BoxMatcher.match(predictedFaces, foundFaces);
    for (BoxMatcher.Pair pair : matched) {
      int p = pair.previous();
      int c = pair.current();
      previousMatched[p] = true;
      currentMatched[c] = true;
      // Found where its velocity said it would be: no other pairing need be feared for it.
      boolean confirmed =
          tracks.get(p).moving() && predicted.get(p).iou(faces.get(c)) >= CONFIRMED_IOU;
      previousConfirmed[p] = confirmed;
      currentConfirmed[c] = confirmed;
      // Paired with a face seen only once, not where following it said it would be: that one may
      // have been a false find or another face, and this one may have come in through an edge.
      currentUnsure[c] = tracks.get(p).moving() && !confirmed && tracked[p] == 0;
      previousTakenOver[p] = takenOver(predicted.get(p), faces.get(c));
      interpolateBetween(tracks.get(p).box(), faces.get(c), covers);
      followIfPaceChanged(tracks.get(p), faces.get(c), window, covers);
      coverArrival(p, faces.get(c), n);
      found.set(c, moved(tracks.get(p).box(), faces.get(c), n));
      nextTracked[c] = tracked[p] + n;
    }
    Ambiguity ambiguity = Ambiguity.of(predictedFaces, foundFaces);
    for (BoxMatcher.Pair pair : ambiguity.ambiguousPairs()) {
      if (!matched.contains(pair)) {
        interpolateBetween(tracks.get(pair.previous()).box(), faces.get(pair.current()), covers);
        coverArrival(pair.previous(), faces.get(pair.current()), n);
      }
    }
    List<Integer> vanished = new ArrayList<>();
    for (int p = 0; p < tracks.size(); p++) {
      if (!previousMatched[p]
          || (ambiguity.previous(p) && !previousConfirmed[p])
          || previousTakenOver[p]) {
        vanished.add(p);
      }
    }
    List<Integer> newcomers = new ArrayList<>();
    for (int c = 0; c < faces.size(); c++) {
      if (!currentMatched[c]
          || (ambiguity.current(c) && !currentConfirmed[c])
          || (currentUnsure[c] && edges.nearEdge(faces.get(c), n))) {
        newcomers.add(c);
      }
    }
    pairFarApart(vanished, newcomers, previousMatched, currentMatched, found, covers);
    for (int p : vanished) {
      Track carried = carryVanished(tracks.get(p), window, n, covers);
      // Where its velocity takes it counts too: a fast face heading for an edge is there soon.
      if (edges.nearEdge(carried.box(), n) || edges.nearEdge(carried.ahead(n), n)) {
        carriedOn.add(new Carried(carried, n, Unseen.NEAR_EDGE, tracked[p]));
      } else if (hidden(carried.ahead(n), faces)) {
        carriedOn.add(new Carried(carried, n, Unseen.HIDDEN, tracked[p]));
      } else if (tracked[p] > 0) {
        carriedOn.add(new Carried(carried, n, Unseen.MISSED, tracked[p]));
      }
    }
    for (int c : newcomers) {
      coverNewcomer(c, currentMatched[c], window, found, covers);
    }
    return carriedOn;
  }

  /**
   * Whether a track's face may be hidden behind the smaller face it was paired with: the pairing
   * may be someone passing in front, not the face itself shrinking.
   */
  private static boolean takenOver(FaceBox track, FaceBox paired) {
    return paired.area() < TAKEN_OVER_AREA * track.area()
        && paired.intersection(track) >= 0.5 * paired.area();
  }

  /**
   * Whether a face that was not found where this box is may be hidden there: a face found at the
   * keyframe overlaps it, and none is it found again.
   */
  private static boolean hidden(FaceBox box, List<FaceBox> found) {
    boolean behind = false;
    for (FaceBox face : found) {
      if (face.iou(box) >= CONFIRMED_IOU) {
        return false;
      }
      behind |= face.intersection(box) >= HIDING_SHARE * Math.min(face.area(), box.area());
    }
    return behind;
  }

  /**
   * A face that vanished and one that showed up, both unpaired and too far apart for {@link
   * BoxMatcher} but within a top-speed move (a small face crossing the picture quickly): covered
   * along the way between them too, and, when neither has another such partner, the same face.
   */
  private void pairFarApart(
      List<Integer> vanished,
      List<Integer> newcomers,
      boolean[] previousMatched,
      boolean[] currentMatched,
      List<Track> found,
      List<List<FaceBox>> covers) {
    int n = covers.size();
    int[] partnersOfPrevious = new int[tracks.size()];
    int[] partnersOfCurrent = new int[found.size()];
    List<BoxMatcher.Pair> pairs = new ArrayList<>();
    for (int p : vanished) {
      for (int c : newcomers) {
        if (!previousMatched[p]
            && !currentMatched[c]
            && BoxMatcher.withinReach(
                tracks.get(p).box(), found.get(c).box(), REACH_MARGIN * topSpeed * n)) {
          pairs.add(new BoxMatcher.Pair(p, c));
          partnersOfPrevious[p]++;
          partnersOfCurrent[c]++;
        }
      }
    }
    for (BoxMatcher.Pair pair : pairs) {
      FaceBox from = tracks.get(pair.previous()).box();
      FaceBox to = found.get(pair.current()).box();
      interpolateBetween(from, to, covers);
      coverArrival(pair.previous(), to, n);
      if (partnersOfPrevious[pair.previous()] == 1 && partnersOfCurrent[pair.current()] == 1) {
        found.set(pair.current(), moved(from, to, n));
        nextTracked[pair.current()] = tracked[pair.previous()] + n;
      }
    }
  }

  /**
   * Covers a face of the held keyframe that is not seen again in the first {@code count} frames of
   * this window: carried with its velocity and followed through the frames. Returns it with the
   * velocity the frames showed when it had none.
   */
  private Track carryVanished(
      Track face, List<Frame> window, int count, List<List<FaceBox>> covers) {
    List<FaceBox> path =
        count == 0 || held.isEmpty()
            ? List.of()
            : follower.follow(heldKeyframe().y(), face.box(), lumas(window, 0, count));
    Track moving =
        face.moving() || path.size() < 2
            ? face
            : face.towards(path.get(path.size() - 1), path.size());
    carry(moving, 0, window.size(), covers, count);
    for (int i = 0; i < path.size(); i++) {
      covers.get(i).add(path.get(i));
    }
    return moving;
  }

  /**
   * Covers a face of this keyframe whose way in is not known (first seen, or pairable more than one
   * way) in the frames before it: where following it backwards finds it, and where it was found,
   * stretched towards a near edge (back into the held window too) unless it was both paired and
   * followed all the way back, so it did not come in through the edge.
   */
  private void coverNewcomer(
      int c, boolean paired, List<Frame> window, List<Track> found, List<List<FaceBox>> covers) {
    FaceBox face = found.get(c).box();
    int n = window.size();
    // Held frames of this scene only: before a cut they show another one.
    int sceneStart = heldEndsAtCut ? held.size() - 1 : 0;
    List<Mat> backwards = lumas(window, 0, n - 1);
    Collections.reverse(backwards);
    for (int j = held.size() - 1; j >= sceneStart; j--) {
      backwards.add(held.get(j).y());
    }
    // The keyframe before the held window is of this scene unless the held window ends at a cut.
    boolean reachesHandedBack = !heldEndsAtCut && handedBack != null;
    if (reachesHandedBack) {
      backwards.add(handedBack.frame().y());
    }
    List<FaceBox> path = follower.follow(window.get(n - 1).y(), face, backwards);
    for (int k = 0; k < path.size(); k++) {
      int i = n - 2 - k;
      int j = held.size() + i;
      (i >= 0 ? covers.get(i) : j >= 0 ? heldCovers.get(j) : handedBack.faces()).add(path.get(k));
    }
    if (!found.get(c).moving() && path.size() >= 2) {
      found.set(c, Track.between(path.get(path.size() - 1), face, path.size()));
    }
    if (paired && path.size() >= n - 1) {
      return;
    }
    nextArriving[c] = path.size() < n - 1;
    for (int i = 0; i < n - 1; i++) {
      covers.get(i).add(whole(edges.sweep(face, n - 1 - i, n)));
    }
    if (edges.nearEdge(face, n)) {
      for (int j = sceneStart; j < held.size(); j++) {
        heldCovers.get(j).add(whole(edges.sweep(face, n + held.size() - 1 - j, n)));
      }
    } else if (heldEndsAtCut) {
      heldCovers.get(sceneStart).add(face);
      backToSceneStart(face, path, n, sceneStart)
          .ifPresent(reach -> heldCovers.get(sceneStart).add(whole(reach)));
    }
  }

  /**
   * Where a newcomer was at its scene's first frame when following it back stopped short of it: its
   * path's earliest box carried on back at the path's velocity, since a face that moves is no
   * longer where the keyframe found it.
   */
  private Optional<FaceBox> backToSceneStart(
      FaceBox face, List<FaceBox> path, int n, int sceneStart) {
    // Frames from the path's earliest box back to the scene's first frame.
    int beyond = n - 1 - path.size() - (sceneStart - held.size());
    if (path.isEmpty() || beyond <= 0) {
      return Optional.empty();
    }
    FaceBox earliest = path.get(path.size() - 1);
    Track back = Track.seen(face).towards(earliest, path.size());
    return Optional.of(new Track(earliest, back.dx(), back.dy(), true).reach(beyond));
  }

  /**
   * Covers a face that showed up at the held keyframe, and was seen again at this one {@code
   * frames} later at {@code later}, in the held frames before it, where it came from at that
   * velocity: from its box there back to where the velocity puts it, so a face that sped up is
   * covered too. Following it back through those frames may have lost it (small and fast, blurred
   * by its motion), and the box it was found in is by then a long way from the face.
   */
  private void coverArrival(int previous, FaceBox later, int frames) {
    if (!arriving[previous]) {
      return;
    }
    FaceBox seen = tracks.get(previous).box();
    Track onwards = Track.seen(edges.uncut(seen, later)).towards(edges.uncut(later, seen), frames);
    Track backwards = new Track(onwards.box(), -onwards.dx(), -onwards.dy(), true);
    int sceneStart = heldEndsAtCut ? held.size() - 1 : 0;
    for (int j = sceneStart; j < held.size() - 1; j++) {
      heldCovers.get(j).add(whole(backwards.reach(held.size() - 1 - j)));
    }
  }

  /**
   * Covers a face last seen {@code since} frames before this window in its first {@code count}
   * frames: carried with its velocity, and stretched towards an edge it may cross within {@code
   * sweepWindow} frames (any edge when its velocity is not known, else those it is heading for).
   */
  private void carry(
      Track face, int since, int sweepWindow, List<List<FaceBox>> covers, int count) {
    for (int i = 0; i < count; i++) {
      int frames = since + i + 1;
      FaceBox reach = face.reach(frames);
      if (!face.moving()) {
        covers.get(i).add(whole(edges.sweep(reach, frames, sweepWindow)));
      } else if (inPicture(reach)) {
        covers
            .get(i)
            .add(whole(edges.sweepAhead(reach, frames, sweepWindow, face.dx(), face.dy())));
      }
    }
  }

  /**
   * A face carried through this {@code window}, when it is then still cut by an edge (where the
   * network often misses it) and no face found at this keyframe is where it is: carried on until
   * its box leaves the picture, and past the carry limit only while the picture still shows it
   * there ({@link #stillShown}). Within the limit it is also carried on while the picture shows it
   * where its box no longer reaches the edge: a backdrop head cut by the top edge, still under a
   * slow zoom, drifted off the edge by the noise in its velocity, was let go and leaked for the 3
   * frames before scene-cut's cut at keyframes 6 frames apart.
   */
  private Optional<Carried> stillCut(Carried face, List<Frame> window, List<FaceBox> found) {
    int n = window.size();
    int since = face.since() + n;
    FaceBox ahead = face.track().ahead(since);
    int limit = Math.max(cutCarryFrames, Math.min(face.tracked(), cutCarryMaxFrames));
    if (!inPicture(ahead)) {
      return Optional.empty();
    }
    boolean cut = edges.cut(ahead);
    if (!cut && since > cutCarryFrames) {
      return Optional.empty();
    }
    // Cut and within its limit it is carried on as it is; otherwise only while it is still shown.
    boolean mustBeShown = !cut || since > limit;
    if (mustBeShown && !stillShown(face.track().ahead(face.since()), ahead, window)) {
      return Optional.empty();
    }
    if (foundAgain(ahead, found)) {
      return Optional.empty();
    }
    return Optional.of(new Carried(face.track(), since, Unseen.CUT, face.tracked()));
  }

  /**
   * Whether the picture where a carried face was at the held keyframe ({@code before}) is found
   * again near where it is carried to at this one: a head that an edge cuts across its eyes is
   * missed by the network for as long as it stays there (a backdrop head under a slow zoom was let
   * go after 3 s and leaked for 4 frames of long-1080p at keyframes 7 frames apart), so past the
   * carry limit it is carried on while it is still there.
   */
  private boolean stillShown(FaceBox before, FaceBox now, List<Frame> window) {
    // Straight to this keyframe, in one search: such a head barely moves.
    return inPicture(before)
        && followedTo(inside(before), now, List.of(window.get(window.size() - 1).y()));
  }

  /**
   * A missed face carried through this {@code window}, when no face found at this keyframe is it:
   * carried on, up to {@link #CUT_CARRY_SECONDS}, while following it from the held keyframe through
   * the window ends where it is carried to (the network missed a 24 px head crossing 1080p at 38 px
   * a frame at five keyframes in a row, and it leaked for 12 frames, to the edge), and otherwise as
   * a face cut by an edge while one cuts it.
   */
  private Optional<Carried> stillMissed(Carried face, List<Frame> window, List<FaceBox> found) {
    int n = window.size();
    int since = face.since() + n;
    FaceBox ahead = face.track().ahead(since);
    if (!inPicture(ahead) || foundAgain(ahead, found)) {
      return Optional.empty();
    }
    if (since <= cutCarryFrames && stillFollowed(face.track().ahead(face.since()), ahead, window)) {
      return Optional.of(new Carried(face.track(), since, Unseen.MISSED, face.tracked()));
    }
    return stillCut(face, window, found);
  }

  /**
   * Whether following the picture where a carried face was at the held keyframe ({@code before})
   * through every frame of {@code window} ends where it is carried to ({@code now}).
   */
  private boolean stillFollowed(FaceBox before, FaceBox now, List<Frame> window) {
    return inPicture(before) && followedTo(before, now, lumas(window, 0, window.size()));
  }

  /**
   * Whether following {@code from} at the held keyframe through all of {@code frames} ends
   * overlapping {@code now}'s part in the picture.
   */
  private boolean followedTo(FaceBox from, FaceBox now, List<Mat> frames) {
    List<FaceBox> path = follower.follow(heldKeyframe().y(), from, frames);
    return path.size() == frames.size() && inside(now).iou(path.get(path.size() - 1)) > 0;
  }

  /** Whether a face found at this keyframe is a carried face's part in the picture, found again. */
  private boolean foundAgain(FaceBox carried, List<FaceBox> found) {
    FaceBox shown = inside(carried);
    return found.stream().anyMatch(box -> box.iou(shown) >= FOUND_AGAIN);
  }

  /**
   * A hidden face carried through this window's {@code n} frames, when a face found at this
   * keyframe still overlaps where it is and none is it: carried on, for a bounded time.
   */
  private Optional<Carried> stillHidden(Carried face, int n, List<FaceBox> found) {
    int since = face.since() + n;
    FaceBox ahead = face.track().ahead(since);
    if (since > hiddenCarryFrames || !inPicture(ahead) || !hidden(ahead, found)) {
      return Optional.empty();
    }
    return Optional.of(new Carried(face.track(), since, Unseen.HIDDEN, face.tracked()));
  }

  /**
   * Covers a face carried on because an edge cuts it, the network missed it or a face may hide it,
   * in the first {@code count} frames: with its velocity, from where it was at the window's start
   * (a hidden one from where it was last seen), not stretched towards edges (stretching it window
   * after window would spread it over the picture).
   */
  private void carryOn(Carried face, List<List<FaceBox>> covers, int count) {
    Track track = face.track();
    Track fromHere = new Track(track.ahead(face.since()), track.dx(), track.dy(), track.moving());
    // A face behind another cannot be found where it stopped, so it is covered from where it was
    // last seen: a half-hidden head whose jittering boxes gave it a velocity of 6 px a frame was
    // carried off itself and leaked for 4 frames of long-1080p at keyframes 6 frames apart.
    boolean fromSeen = face.why() == Unseen.HIDDEN;
    for (int i = 0; i < count; i++) {
      FaceBox reach = fromSeen ? track.reach(face.since() + i + 1) : fromHere.reach(i + 1);
      if (inPicture(reach)) {
        covers.get(i).add(whole(reach));
      }
    }
  }

  /** Marks a cover as one a head may be anywhere inside (a {@link CoveredFrame#wholeBoxes}). */
  private FaceBox whole(FaceBox cover) {
    wholeBoxes.add(cover);
    return cover;
  }

  /** The part in the picture of a box that overlaps it. */
  private FaceBox inside(FaceBox box) {
    double left = Math.max(0, box.x());
    double top = Math.max(0, box.y());
    double right = Math.min(width, box.x() + box.width());
    double bottom = Math.min(height, box.y() + box.height());
    return new FaceBox(left, top, right - left, bottom - top, box.confidence());
  }

  private boolean inPicture(FaceBox box) {
    return box.x() < width
        && box.y() < height
        && box.x() + box.width() > 0
        && box.y() + box.height() > 0;
  }

  /** The faces inside these boxes, for pairing. */
  private List<FaceBox> inner(List<FaceBox> boxes) {
    return faceShare == 1 ? boxes : boxes.stream().map(box -> box.scaled(faceShare)).toList();
  }

  private Frame heldKeyframe() {
    return held.get(held.size() - 1);
  }

  private static List<Mat> lumas(List<Frame> frames, int from, int to) {
    List<Mat> lumas = new ArrayList<>(to - from);
    for (int i = from; i < to; i++) {
      lumas.add(frames.get(i).y());
    }
    return lumas;
  }

  /**
   * Covers a face found further from where its velocity put it than {@link #PACE_CHANGE} of its
   * size also where following it finds it, forwards from the held keyframe and backwards from this
   * one: it stopped, started or turned between them, and the straight path between its sightings
   * may leave it bare on the way (a face walking at 20 px a frame that stopped mid-window leaked
   * for 4 frames of the leak benchmark's fast-edges with exact boxes, at keyframes 7 frames apart).
   */
  private void followIfPaceChanged(
      Track track, FaceBox found, List<Frame> window, List<List<FaceBox>> covers) {
    int n = window.size();
    FaceBox predicted = track.ahead(n);
    double off =
        Math.hypot(predicted.centerX() - found.centerX(), predicted.centerY() - found.centerY());
    if (n < 2 || held.isEmpty() || off <= PACE_CHANGE * Math.min(found.width(), found.height())) {
      return;
    }
    List<FaceBox> forwards =
        follower.follow(heldKeyframe().y(), track.box(), lumas(window, 0, n - 1));
    for (int i = 0; i < forwards.size(); i++) {
      covers.get(i).add(forwards.get(i));
    }
    List<Mat> backwards = lumas(window, 0, n - 1);
    Collections.reverse(backwards);
    List<FaceBox> path = follower.follow(window.get(n - 1).y(), found, backwards);
    for (int k = 0; k < path.size(); k++) {
      covers.get(n - 2 - k).add(path.get(k));
    }
  }

  /** The frames between two sightings of one face, moved linearly from the one to the other. */
  private void interpolateBetween(FaceBox from, FaceBox to, List<List<FaceBox>> covers) {
    int frames = covers.size();
    FaceBox start = edges.uncut(from, to);
    FaceBox end = edges.uncut(to, from);
    for (int i = 0; i < frames - 1; i++) {
      covers.get(i).add(interpolate(start, end, (i + 1.0) / frames));
    }
  }

  /** The face seen at {@code from} and, {@code frames} later, at {@code to}: its velocity there. */
  private Track moved(FaceBox from, FaceBox to, int frames) {
    return Track.between(edges.uncut(from, to), edges.uncut(to, from), frames);
  }

  static FaceBox interpolate(FaceBox from, FaceBox to, double t) {
    return new FaceBox(
        from.x() + (to.x() - from.x()) * t,
        from.y() + (to.y() - from.y()) * t,
        from.width() + (to.width() - from.width()) * t,
        from.height() + (to.height() - from.height()) * t,
        Math.min(from.confidence(), to.confidence()));
  }

  private static List<List<FaceBox>> emptyLists(int count) {
    List<List<FaceBox>> lists = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      lists.add(new ArrayList<>());
    }
    return lists;
  }
}
