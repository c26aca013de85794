package dev.workerdi.jdbc.internal;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The hosts of a Connector/J URL ({@code jdbc:mysql://h1:3306,h2:3306/db?options}): the scheme, the
 * host list (plain {@code host:port}, {@code address=(host=..)(port=..)} and {@code [..]}-grouped
 * forms), and the rest (database and options), so that the URL can be rebuilt with the hosts in
 * another order or with one host alone. Immutable and thread-safe. Not a supported API.
 */
public final class HostList {
  private final String scheme;
  private final List<String> hosts;
  private final String rest;

  private HostList(String scheme, List<String> hosts, String rest) {
    this.scheme = scheme;
    this.hosts = List.copyOf(hosts);
    this.rest = rest;
  }

  /** Parses {@code url}; a URL without {@code //} is one "host" that is the whole URL's tail. */
  public static HostList parse(String url) {
    int slashes = url.indexOf("//");
    if (slashes < 0) {
      return new HostList(url, List.of(), "");
    }
    int end = slashes + 2;
    int depth = 0;
    while (end < url.length()) {
      char c = url.charAt(end);
      depth += c == '(' || c == '[' ? 1 : c == ')' || c == ']' ? -1 : 0;
      if (depth == 0 && (c == '/' || c == '?')) {
        break;
      }
      end++;
    }
    String section = url.substring(slashes + 2, end);
    List<String> hosts = split(section);
    if (hosts.size() == 1 && section.startsWith("[") && section.endsWith("]")) {
      hosts = split(section.substring(1, section.length() - 1));
    }
    return new HostList(url.substring(0, slashes), hosts, url.substring(end));
  }

  private static List<String> split(String section) {
    List<String> hosts = new ArrayList<>();
    int depth = 0;
    int start = 0;
    for (int i = 0; i < section.length(); i++) {
      char c = section.charAt(i);
      depth += c == '(' || c == '[' ? 1 : c == ')' || c == ']' ? -1 : 0;
      if (c == ',' && depth == 0) {
        hosts.add(section.substring(start, i).trim());
        start = i + 1;
      }
    }
    hosts.add(section.substring(start).trim());
    hosts.removeIf(String::isEmpty);
    return hosts;
  }

  /**
   * The scheme before {@code //}, such as {@code jdbc:mysql:} or {@code jdbc:mysql:loadbalance:}.
   */
  public String scheme() {
    return scheme;
  }

  /** The hosts, as written. */
  public List<String> hosts() {
    return hosts;
  }

  /**
   * Whether the URL names more than one host (Connector/J's sequential failover, or a named mode).
   */
  public boolean multiHost() {
    return hosts.size() > 1;
  }

  /**
   * The URL with the hosts rotated left by {@code shift}: worker {@code k} prefers host {@code k
   * mod n}.
   */
  public String rotated(int shift) {
    List<String> order = new ArrayList<>(hosts);
    Collections.rotate(order, -Math.floorMod(shift, Math.max(1, order.size())));
    return scheme + "//" + String.join(",", order) + rest;
  }

  /** The URL of host {@code index} alone, with the same database and options, as a plain URL. */
  public String single(int index) {
    return "jdbc:mysql://" + hosts.get(index) + rest;
  }

  /**
   * The URL of {@code host} alone (written as in the URL's host list), with the same options but no
   * default database, as a plain URL.
   */
  public String withoutDatabase(String host) {
    int query = rest.indexOf('?');
    return "jdbc:mysql://" + host + "/" + (query < 0 ? "" : rest.substring(query));
  }

  /** The value of URL option {@code name} (case-insensitive), if the URL sets it. */
  public Optional<String> option(String name) {
    int query = rest.indexOf('?');
    if (query < 0) {
      return Optional.empty();
    }
    for (String pair : rest.substring(query + 1).split("&")) {
      int equals = pair.indexOf('=');
      String key = equals < 0 ? pair : pair.substring(0, equals);
      if (key.trim().equalsIgnoreCase(name)) {
        return Optional.of(equals < 0 ? "" : pair.substring(equals + 1).trim());
      }
    }
    return Optional.empty();
  }

  /**
   * Whether the scheme names one of Connector/J's other multi-host modes ({@code loadbalance:},
   * ...).
   */
  public Optional<String> namedMode() {
    String lower = scheme.toLowerCase(Locale.ROOT);
    for (String mode : List.of("loadbalance", "replication")) {
      if (lower.contains(mode)) {
        return Optional.of(mode);
      }
    }
    return Optional.empty();
  }
}
