package io.privacypal.gateway.jobs;

import java.util.regex.Pattern;

/**
 * A job's failure reason as a client may see it: the worker's text with the machine's paths, AWS
 * account ids, ARNs and URLs (queue URLs, endpoints) replaced by placeholders. The full text stays
 * in the stored status and the worker's log, for the operator.
 */
public final class PublicText {
  private static final Pattern ARN = Pattern.compile("arn:aws[a-zA-Z-]*:[^\\s\"',;)]*");
  private static final Pattern URL = Pattern.compile("[a-zA-Z][a-zA-Z0-9+.-]*://[^\\s\"',;)]*");

  /** An absolute path of two segments or more, Unix or Windows. */
  private static final Pattern PATH =
      Pattern.compile("(?<![\\w.~/-])(?:/[^\\s/\"',;:)]+){2,}/?|\\b[A-Za-z]:\\\\[^\\s\"',;)]*");

  private static final Pattern ACCOUNT_ID = Pattern.compile("(?<!\\d)\\d{12}(?!\\d)");

  private PublicText() {}

  public static String redact(String text) {
    if (text == null) {
      return null;
    }
    String out = ARN.matcher(text).replaceAll("<arn>");
    out = URL.matcher(out).replaceAll("<url>");
    out = PATH.matcher(out).replaceAll("<path>");
    return ACCOUNT_ID.matcher(out).replaceAll("<account>");
  }
}
