package dev.workerdi.core.spi;

import dev.workerdi.core.Secret;
import java.lang.reflect.Array;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.regex.Pattern;

/**
 * Renders values for messages and {@code toString} with secrets masked: {@link Secret}s, {@code
 * char[]}, values whose name looks like a secret, and passwords inside JDBC URLs. Stateless and
 * thread-safe. Not a supported API.
 */
public final class Redactor {
  /** What every masked value prints as. */
  public static final String MASK = "******";

  private static final Pattern SECRET_NAME =
      Pattern.compile(
          "(?i).*(pass(word|wd)?|pwd|secret|token|credential|api[-_.]?key|private[-_.]?key).*");
  private static final Pattern URL_PASSWORD =
      Pattern.compile("(?i)((?:password|pwd|secret|token)=)[^&;,)\\s]*");
  private static final Pattern URL_USERINFO = Pattern.compile("(://[^:/@\\s]+:)[^@/\\s]+@");
  private static final int MAX_VALUE_LENGTH = 120;

  private Redactor() {}

  /** Whether a parameter, property or map key of this name holds a secret. */
  public static boolean isSecretName(String name) {
    return name != null && SECRET_NAME.matcher(name).matches();
  }

  /** Masks passwords in a URL or connection string, leaving the rest readable. */
  public static String maskUrl(String text) {
    if (text == null) {
      return null;
    }
    String masked = URL_PASSWORD.matcher(text).replaceAll("$1" + MASK);
    return URL_USERINFO.matcher(masked).replaceAll("$1" + MASK + "@");
  }

  /** Positional arguments as {@code ("a", 1, ******)}; {@code names} may be null or shorter. */
  public static String positional(List<?> args, String[] names) {
    StringJoiner out = new StringJoiner(", ", "(", ")");
    for (int i = 0; i < args.size(); i++) {
      String name = names != null && i < names.length ? names[i] : null;
      out.add(value(name, args.get(i)));
    }
    return out.toString();
  }

  /** Named arguments as {@code (host="db", password=******)}. */
  public static String named(Map<String, ?> args) {
    StringJoiner out = new StringJoiner(", ", "(", ")");
    args.forEach((name, value) -> out.add(name + "=" + value(name, value)));
    return out.toString();
  }

  /** One value, masked when its name or type says it is secret. */
  public static String value(String name, Object value) {
    if (value == null) {
      return "null";
    }
    if (isSecretName(name) || value instanceof Secret || value instanceof char[]) {
      return MASK;
    }
    if (value instanceof CharSequence text) {
      return '"' + shorten(maskUrl(text.toString())).replace("\"", "\\\"") + '"';
    }
    if (value instanceof Class<?> type) {
      return type.getName() + ".class";
    }
    if (value instanceof Map<?, ?> map) {
      StringJoiner out = new StringJoiner(", ", "{", "}");
      map.forEach((key, entry) -> out.add(key + "=" + value(String.valueOf(key), entry)));
      return out.toString();
    }
    if (value.getClass().isArray()) {
      StringJoiner out = new StringJoiner(", ", "[", "]");
      for (int i = 0; i < Array.getLength(value); i++) {
        out.add(value(null, Array.get(value, i)));
      }
      return out.toString();
    }
    if (value instanceof Number
        || value instanceof Boolean
        || value instanceof Character
        || value instanceof Enum) {
      return String.valueOf(value);
    }
    return shorten(maskUrl(String.valueOf(value)));
  }

  private static String shorten(String text) {
    return text.length() <= MAX_VALUE_LENGTH
        ? text
        : text.substring(0, MAX_VALUE_LENGTH - 3) + "...";
  }
}
