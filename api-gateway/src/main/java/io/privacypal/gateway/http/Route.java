package io.privacypal.gateway.http;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A method and a path template such as {@code /api/v1/jobs/{jobId}}; each {@code {name}} matches
 * one path segment.
 */
public final class Route {
  private static final Pattern PARAM = Pattern.compile("\\{([A-Za-z]+)}");

  private final String method;
  private final String template;
  private final RouteHandler handler;
  private final Pattern pattern;
  private final List<String> names = new ArrayList<>();

  public Route(String method, String template, RouteHandler handler) {
    this.method = method;
    this.template = template;
    this.handler = handler;
    Matcher m = PARAM.matcher(template);
    StringBuilder regex = new StringBuilder();
    int last = 0;
    while (m.find()) {
      regex.append(Pattern.quote(template.substring(last, m.start()))).append("([^/]+)");
      names.add(m.group(1));
      last = m.end();
    }
    regex.append(Pattern.quote(template.substring(last)));
    this.pattern = Pattern.compile(regex.toString());
  }

  public String method() {
    return method;
  }

  public String template() {
    return template;
  }

  RouteHandler handler() {
    return handler;
  }

  Optional<Map<String, String>> match(String path) {
    Matcher m = pattern.matcher(path);
    if (!m.matches()) {
      return Optional.empty();
    }
    Map<String, String> params = new HashMap<>();
    for (int i = 0; i < names.size(); i++) {
      params.put(names.get(i), m.group(i + 1));
    }
    return Optional.of(params);
  }
}
