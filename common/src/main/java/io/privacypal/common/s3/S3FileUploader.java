package io.privacypal.common.s3;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;

/**
 * Uploads a local file to one key. A file larger than one part goes up as a multipart upload, which
 * S3 makes visible only on completion, so a reader never sees half an output; a failed multipart
 * upload is aborted so its parts are not billed forever.
 */
public final class S3FileUploader {
  private final S3Client s3;
  private final long partSize;
  private final String contentType;

  public S3FileUploader(S3Client s3, long partSize, String contentType) {
    this.s3 = s3;
    this.partSize = partSize;
    this.contentType = contentType;
  }

  public void upload(Path file, S3Location target) throws IOException {
    long size = Files.size(file);
    if (size <= partSize) {
      s3.putObject(
          b -> b.bucket(target.bucket()).key(target.key()).contentType(contentType),
          RequestBody.fromFile(file));
      return;
    }
    String uploadId =
        s3.createMultipartUpload(
                b -> b.bucket(target.bucket()).key(target.key()).contentType(contentType))
            .uploadId();
    try {
      List<CompletedPart> parts = uploadParts(file, size, target, uploadId);
      s3.completeMultipartUpload(
          b ->
              b.bucket(target.bucket())
                  .key(target.key())
                  .uploadId(uploadId)
                  .multipartUpload(m -> m.parts(parts)));
    } catch (RuntimeException e) {
      abort(target, uploadId, e);
      throw e;
    }
  }

  private List<CompletedPart> uploadParts(
      Path file, long size, S3Location target, String uploadId) {
    List<CompletedPart> parts = new ArrayList<>();
    long offset = 0;
    for (int number = 1; offset < size; number++) {
      long start = offset;
      long length = Math.min(partSize, size - offset);
      int partNumber = number;
      // A provider, not a stream: the SDK reopens the part's range when it retries a request.
      RequestBody body =
          RequestBody.fromContentProvider(
              () -> openRange(file, start, length), length, contentType);
      String etag =
          s3.uploadPart(
                  b ->
                      b.bucket(target.bucket())
                          .key(target.key())
                          .uploadId(uploadId)
                          .partNumber(partNumber)
                          .contentLength(length),
                  body)
              .eTag();
      parts.add(CompletedPart.builder().partNumber(partNumber).eTag(etag).build());
      offset += length;
    }
    return parts;
  }

  private static InputStream openRange(Path file, long start, long length) {
    try {
      FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
      channel.position(start);
      return new BoundedInputStream(Channels.newInputStream(channel), length);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file.getFileName(), e);
    }
  }

  private void abort(S3Location target, String uploadId, Exception cause) {
    try {
      s3.abortMultipartUpload(b -> b.bucket(target.bucket()).key(target.key()).uploadId(uploadId));
    } catch (SdkException suppressed) {
      cause.addSuppressed(suppressed);
    }
  }

  /** The next {@code limit} bytes of a stream. */
  private static final class BoundedInputStream extends InputStream {
    private final InputStream in;
    private long remaining;

    BoundedInputStream(InputStream in, long limit) {
      this.in = in;
      this.remaining = limit;
    }

    @Override
    public int read() throws IOException {
      if (remaining <= 0) {
        return -1;
      }
      int b = in.read();
      if (b >= 0) {
        remaining--;
      }
      return b;
    }

    @Override
    public int read(byte[] buffer, int off, int len) throws IOException {
      if (remaining <= 0) {
        return -1;
      }
      int n = in.read(buffer, off, (int) Math.min(len, remaining));
      if (n > 0) {
        remaining -= n;
      }
      return n;
    }

    @Override
    public void close() throws IOException {
      in.close();
    }
  }
}
