package dev.workerdi.lifecycle.internal.host;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A class's declared methods in source declaration order. Reflection does not promise any order,
 * but javac writes methods to the class file in source order, so this reads the method table of the
 * class file. When the class file cannot be read, methods are sorted by name (stable, if not the
 * source order). Stateless and thread-safe. Not a supported API.
 */
final class SourceOrder {
  private SourceOrder() {}

  static List<Method> declaredMethods(Class<?> type) {
    List<Method> methods = new ArrayList<>(Arrays.asList(type.getDeclaredMethods()));
    Map<String, Integer> positions = positions(type);
    methods.sort(
        Comparator.comparingInt(
                (Method m) -> positions.getOrDefault(signature(m), Integer.MAX_VALUE))
            .thenComparing(Method::getName));
    return methods;
  }

  private static String signature(Method method) {
    StringBuilder descriptor = new StringBuilder(method.getName()).append('(');
    for (Class<?> parameter : method.getParameterTypes()) {
      descriptor.append(parameter.descriptorString());
    }
    return descriptor.append(')').append(method.getReturnType().descriptorString()).toString();
  }

  private static Map<String, Integer> positions(Class<?> type) {
    String resource = type.getName().substring(type.getName().lastIndexOf('.') + 1) + ".class";
    try (InputStream in = type.getResourceAsStream(resource)) {
      return in == null ? Map.of() : parse(new DataInputStream(in));
    } catch (IOException | RuntimeException e) {
      return Map.of();
    }
  }

  private static Map<String, Integer> parse(DataInputStream in) throws IOException {
    in.readInt();
    in.readUnsignedShort();
    in.readUnsignedShort();
    String[] utf8 = readConstantPool(in);
    in.readUnsignedShort();
    in.readUnsignedShort();
    in.readUnsignedShort();
    skip(in, in.readUnsignedShort() * 2);
    skipMembers(in, null, null);
    Map<String, Integer> positions = new HashMap<>();
    skipMembers(in, utf8, positions);
    return positions;
  }

  private static String[] readConstantPool(DataInputStream in) throws IOException {
    int count = in.readUnsignedShort();
    String[] utf8 = new String[count];
    for (int i = 1; i < count; i++) {
      int tag = in.readUnsignedByte();
      switch (tag) {
        case 1 -> utf8[i] = in.readUTF();
        case 7, 8, 16, 19, 20 -> skip(in, 2);
        case 15 -> skip(in, 3);
        case 3, 4, 9, 10, 11, 12, 17, 18 -> skip(in, 4);
        case 5, 6 -> {
          skip(in, 8);
          i++;
        }
        default -> throw new IOException("unknown constant pool tag " + tag);
      }
    }
    return utf8;
  }

  /** Reads a fields or methods table; records method positions when {@code positions} is given. */
  private static void skipMembers(DataInputStream in, String[] utf8, Map<String, Integer> positions)
      throws IOException {
    int count = in.readUnsignedShort();
    for (int i = 0; i < count; i++) {
      in.readUnsignedShort();
      int name = in.readUnsignedShort();
      int descriptor = in.readUnsignedShort();
      if (positions != null) {
        positions.put(utf8[name] + utf8[descriptor], i);
      }
      int attributes = in.readUnsignedShort();
      for (int a = 0; a < attributes; a++) {
        in.readUnsignedShort();
        skip(in, in.readInt());
      }
    }
  }

  private static void skip(DataInputStream in, int bytes) throws IOException {
    in.skipNBytes(bytes);
  }
}
