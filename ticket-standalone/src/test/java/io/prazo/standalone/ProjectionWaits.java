package io.prazo.standalone;

import com.fasterxml.jackson.databind.JsonNode;
import io.prazo.testing.Http;
import java.time.Duration;

/** Waits on {@code GET /api/admin/projections}. */
final class ProjectionWaits {
  private ProjectionWaits() {}

  /**
   * Until projection {@code name} runs live (not replaying), has every event of the store and
   * covers all its segments; fails after 60 s with the last answer.
   */
  static void awaitCaughtUp(Http http, String token, String name) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    Http.Answer list = null;
    while (System.nanoTime() < deadline) {
      Thread.sleep(100);
      list = http.get("/api/admin/projections", token);
      for (JsonNode projection : list.json()) {
        if (projection.get("name").asText().equals(name)
            && projection.get("running").asBoolean()
            && !projection.get("replaying").asBoolean()
            && projection.get("lag").asLong() == 0
            && projection.get("coverage").asDouble() > 0.999) {
          return;
        }
      }
    }
    throw new AssertionError(name + " did not catch up: " + list);
  }
}
