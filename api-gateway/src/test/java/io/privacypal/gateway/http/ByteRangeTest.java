package io.privacypal.gateway.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ByteRangeTest {

  @Test
  void aClosedRangeIsClippedToTheFile() throws Exception {
    assertThat(ByteRange.parse("bytes=10-19", 100)).contains(new ByteRange(10, 19));
    assertThat(ByteRange.parse("bytes=90-500", 100)).contains(new ByteRange(90, 99));
  }

  @Test
  void anOpenRangeRunsToTheEnd() throws Exception {
    assertThat(ByteRange.parse("bytes=40-", 100)).contains(new ByteRange(40, 99));
  }

  @Test
  void aSuffixRangeIsTheLastBytes() throws Exception {
    assertThat(ByteRange.parse("bytes=-10", 100)).contains(new ByteRange(90, 99));
    assertThat(ByteRange.parse("bytes=-500", 100)).contains(new ByteRange(0, 99));
  }

  @Test
  void rangesWeCannotReadMeanTheWholeFile() throws Exception {
    assertThat(ByteRange.parse(null, 100)).isEmpty();
    assertThat(ByteRange.parse("bytes=5-1", 100)).isEmpty();
    assertThat(ByteRange.parse("bytes=0-1,5-6", 100)).isEmpty();
    assertThat(ByteRange.parse("items=0-1", 100)).isEmpty();
  }

  @Test
  void rangesPastTheEndAreUnsatisfiable() {
    assertThatThrownBy(() -> ByteRange.parse("bytes=100-", 100))
        .isInstanceOf(ByteRange.Unsatisfiable.class);
    assertThatThrownBy(() -> ByteRange.parse("bytes=-0", 100))
        .isInstanceOf(ByteRange.Unsatisfiable.class);
    assertThatThrownBy(() -> ByteRange.parse("bytes=0-", 0))
        .isInstanceOf(ByteRange.Unsatisfiable.class);
  }
}
