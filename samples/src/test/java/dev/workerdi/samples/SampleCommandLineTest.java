package dev.workerdi.samples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** How the samples read their arguments, and the exit status of bad usage, in-process. */
class SampleCommandLineTest {

  @Test
  void mavensSingleExecArgumentIsNoneWhenBlankAndSplitWhenItHoldsOptions() {
    assertArrayEquals(new String[0], SampleCommandLine.unwrapMavenArgument(new String[] {""}));
    assertArrayEquals(new String[0], SampleCommandLine.unwrapMavenArgument(new String[] {"  "}));
    assertArrayEquals(
        new String[] {"--rows", "5000", "--requests", "10"},
        SampleCommandLine.unwrapMavenArgument(new String[] {" --rows 5000  --requests 10 "}));
    assertArrayEquals(
        new String[] {"restore", "--from-dir", "/b", "--into", "x"},
        SampleCommandLine.unwrapMavenArgument(new String[] {"restore --from-dir /b --into x"}));
    String[] oneWord = {"a password"};
    assertArrayEquals(oneWord, SampleCommandLine.unwrapMavenArgument(oneWord));
  }

  @Test
  void otherArgumentsAreTakenAsGivenEvenEmptyOrWithSpaces() {
    String[] emptyPassword = {"--url", "jdbc:mysql://h:3306/", "--password", ""};
    assertArrayEquals(emptyPassword, SampleCommandLine.unwrapMavenArgument(emptyPassword));
    String[] spaced = {"--password", "a b c"};
    assertArrayEquals(spaced, SampleCommandLine.unwrapMavenArgument(spaced));
  }

  @Test
  void badUsageIsTwoAndHelpIsZeroWithoutTouchingADatabase() {
    assertEquals(2, SampleCommandLine.execute(new Demo(), "--rows", "ten"));
    assertEquals(2, SampleCommandLine.execute(new Demo(), "--rows", "999"));
    assertEquals(2, SampleCommandLine.execute(new Demo(), "--url", "http://127.0.0.1:3306/"));
    assertEquals(2, SampleCommandLine.execute(Samples.commandLine(), "server", "--workers", "0"));
    assertEquals(0, SampleCommandLine.execute(Samples.commandLine(), "queries", "--help"));
  }
}
