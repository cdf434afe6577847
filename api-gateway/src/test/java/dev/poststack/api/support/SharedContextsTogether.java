package dev.poststack.api.support;

import java.lang.annotation.Annotation;
import java.lang.reflect.AnnotatedElement;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.ClassDescriptor;
import org.junit.jupiter.api.ClassOrderer;
import org.junit.jupiter.api.ClassOrdererContext;
import org.springframework.test.annotation.DirtiesContext;

/**
 * Runs the classes that share a Spring test context one after another (a {@code @DirtiesContext}
 * class last in its group), each group where its first class was. The context cache holds four
 * contexts and pauses the one a class leaves; in the file system's order the classes of one context
 * were spread among those of others, so a context (its own broker, provisioner and pools) was
 * paused and resumed, or evicted and started again.
 *
 * <p>Two classes are taken to share a context when the same class of their hierarchy is the nearest
 * to declare Spring configuration (a Spring annotation other than {@code @DirtiesContext}, a
 * {@code @DynamicPropertySource} method, a {@code @MockitoBean} field): {@code ApiIT}'s plain
 * subclasses share it, a class with a {@code @TestPropertySource} of its own is its own group. It
 * is read from the classes' own declarations, not by building Spring's cache key for every class
 * before the first one runs. Only the order changes: whatever the grouping, every class still gets
 * the context its configuration makes, fresh or cached, as in any other order.
 */
public class SharedContextsTogether implements ClassOrderer {
  @Override
  public void orderClasses(ClassOrdererContext context) {
    List<? extends ClassDescriptor> classes = context.getClassDescriptors();
    Map<Class<?>, Integer> groupByKey = new HashMap<>();
    Map<ClassDescriptor, Integer> group = new HashMap<>();
    Map<ClassDescriptor, Integer> position = new HashMap<>();
    for (int i = 0; i < classes.size(); i++) {
      ClassDescriptor c = classes.get(i);
      position.put(c, i);
      group.put(
          c, groupByKey.computeIfAbsent(configuredBy(c.getTestClass()), k -> position.get(c)));
    }
    classes.sort(
        Comparator.<ClassDescriptor>comparingInt(group::get)
            .thenComparing(c -> c.isAnnotated(DirtiesContext.class))
            .thenComparingInt(position::get));
  }

  /** The nearest class of the hierarchy that declares Spring configuration, else the class. */
  private static Class<?> configuredBy(Class<?> testClass) {
    for (Class<?> c = testClass; c != null && c != Object.class; c = c.getSuperclass()) {
      if (declaresConfiguration(c)) {
        return c;
      }
    }
    return testClass;
  }

  private static boolean declaresConfiguration(Class<?> c) {
    return spring(c)
        || Stream.concat(
                Arrays.stream(c.getDeclaredMethods()), Arrays.stream(c.getDeclaredFields()))
            .anyMatch(SharedContextsTogether::contextAnnotation);
  }

  private static boolean spring(Class<?> c) {
    return Arrays.stream(c.getDeclaredAnnotations())
        .map(Annotation::annotationType)
        .anyMatch(t -> t.getName().startsWith("org.springframework.") && t != DirtiesContext.class);
  }

  private static boolean contextAnnotation(AnnotatedElement member) {
    return Arrays.stream(member.getDeclaredAnnotations())
        .map(a -> a.annotationType().getSimpleName())
        .anyMatch(n -> n.equals("DynamicPropertySource") || n.startsWith("Mockito"));
  }
}
