package io.privacypal.gateway.http;

import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;

/**
 * One request and its response over Javalin's {@link Context}. Shaped like the JDK server's
 * exchange the route handlers were written against ({@code getResponseHeaders().set(...)}, {@code
 * sendResponseHeaders}, {@code getResponseBody}), so the handlers outside this package did not
 * change when the server did.
 */
public final class Exchange {
  private final Context context;
  private final Duration readTimeout;
  private int responseCode = -1;

  Exchange(Context context, Duration readTimeout) {
    this.context = context;
    this.readTimeout = readTimeout;
  }

  /** A value a filter leaves for the handlers (the authenticated client). */
  public void setAttribute(String name, Object value) {
    context.attribute(name, value);
  }

  public Object getAttribute(String name) {
    return context.attribute(name);
  }

  public String getRequestMethod() {
    // The servlet method, not Context.method(): that one obeys X-HTTP-Method-Override.
    return context.req().getMethod();
  }

  /** The path as sent, still percent-encoded. */
  public String rawPath() {
    return context.req().getRequestURI();
  }

  /** The query string as sent, still percent-encoded; null when there is none. */
  public String rawQuery() {
    return context.req().getQueryString();
  }

  public RequestHeaders getRequestHeaders() {
    return new RequestHeaders();
  }

  public ResponseHeaders getResponseHeaders() {
    return new ResponseHeaders();
  }

  /**
   * The body, which must arrive whole within the read timeout of its first read (408 otherwise).
   */
  public InputStream getRequestBody() throws IOException {
    return new BodyDeadline(context.req().getInputStream(), readTimeout);
  }

  /**
   * Sends the status line and headers. {@code length} is the body's size; -1 means no body, and 0 a
   * body of unknown size (sent chunked), as on the JDK server.
   */
  public void sendResponseHeaders(int status, long length) {
    if (responseCode != -1) {
      throw new IllegalStateException("the response headers were already sent");
    }
    context.res().setStatus(status);
    if (length > 0) {
      context.res().setContentLengthLong(length);
    } else if (length == -1) {
      context.res().setContentLengthLong(0);
    }
    responseCode = status;
  }

  public OutputStream getResponseBody() throws IOException {
    return context.res().getOutputStream();
  }

  /** The status sent, or -1 while the response has not started. */
  public int getResponseCode() {
    return responseCode;
  }

  /** Request headers; a name matches whatever its case. */
  public final class RequestHeaders {
    private RequestHeaders() {}

    public String getFirst(String name) {
      return context.req().getHeader(name);
    }
  }

  /** Response headers, until they are sent. */
  public final class ResponseHeaders {
    private ResponseHeaders() {}

    public void set(String name, String value) {
      context.res().setHeader(name, value);
    }

    public void add(String name, String value) {
      context.res().addHeader(name, value);
    }

    public String getFirst(String name) {
      return context.res().getHeader(name);
    }
  }
}
