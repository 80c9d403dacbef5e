package io.prazo.load;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ErrorsTest {

  @Test
  void countsByKindSortedByKind() {
    Errors errors = new Errors();
    errors.add("409", "pause", "{}");
    errors.add("HttpTimeoutException", "open", "request timed out");
    errors.add("409", "resume", "{}");
    errors.add("500", "open", null);

    assertThat(errors.counts())
        .containsExactly(
            java.util.Map.entry("409", 2L),
            java.util.Map.entry("500", 1L),
            java.util.Map.entry("HttpTimeoutException", 1L));
  }

  @Test
  void keepsTheFirstAnswerOfEachKindAndContextAsAnExample() {
    Errors errors = new Errors();
    errors.add("409", "pause", "{\"detail\": \"already paused\"}");
    errors.add("409", "pause", "{\"detail\": \"something else\"}");
    errors.add("409", "resume", "{\"detail\":\n  \"not paused\"}");
    errors.add("500", null, "  ");

    assertThat(Errors.examples(errors, new Errors()))
        .containsExactly(
            "409 on pause: {\"detail\": \"already paused\"}",
            "409 on resume: {\"detail\": \"not paused\"}",
            "500: (no detail)");
  }

  @Test
  void abbreviatesLongAnswers() {
    Errors errors = new Errors();
    errors.add("400", "open", "x".repeat(1_000));

    assertThat(Errors.examples(errors, new Errors()).get(0))
        .hasSize("400 on open: ".length() + 300 + "...".length())
        .endsWith("x...");
  }

  @Test
  void mergingAddsTheCountsAndKeepsTheFirstExamples() {
    Errors first = new Errors();
    first.add("409", "pause", "first");
    Errors second = new Errors();
    second.add("409", "pause", "second");
    second.add("503", "open", "down");

    first.addAll(second);

    assertThat(first.counts()).containsEntry("409", 2L).containsEntry("503", 1L);
    assertThat(Errors.examples(first, new Errors()))
        .containsExactly("409 on pause: first", "503 on open: down");
  }

  @Test
  void warmUpExamplesComeAfterTheMeasuredOnesMarkedAndWithinTheLimit() {
    Errors measured = new Errors();
    for (int i = 0; i < Errors.MAX_EXAMPLES - 1; i++) {
      measured.add("40" + i, "open", "m" + i);
    }
    Errors warmup = new Errors();
    warmup.add("401", "open", "w1");
    warmup.add("402", "open", "w2");

    assertThat(Errors.examples(measured, warmup))
        .hasSize(Errors.MAX_EXAMPLES)
        .endsWith("(warm-up) 401 on open: w1");
  }

  @Test
  void keepsAtMostTheLimitOfExamples() {
    Errors errors = new Errors();
    for (int i = 0; i < 50; i++) {
      errors.add("kind" + i, null, "detail");
    }

    assertThat(errors.counts()).hasSize(50);
    assertThat(Errors.examples(errors, new Errors())).hasSize(Errors.MAX_EXAMPLES);
  }
}
