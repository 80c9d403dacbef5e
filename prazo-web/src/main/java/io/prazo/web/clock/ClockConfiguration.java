package io.prazo.web.clock;

import java.time.Clock;
import java.time.Instant;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * The one clock every component reads: the system clock, or with {@code prazo.clock=test} a {@link
 * TestClock} starting at {@code prazo.clock.start} (default: the real time at start-up).
 */
@Configuration(proxyBeanMethods = false)
public class ClockConfiguration {

  @Bean
  @ConditionalOnMissingBean(Clock.class)
  Clock clock(Environment environment) {
    String mode = environment.getProperty("prazo.clock", "system").trim();
    return switch (mode) {
      case "system" -> Clock.systemUTC();
      case "test" -> {
        String start = environment.getProperty("prazo.clock.start");
        yield new TestClock(
            start == null || start.isBlank() ? Clock.systemUTC().instant() : Instant.parse(start));
      }
      default ->
          throw new IllegalArgumentException(
              "prazo.clock must be 'system' or 'test', not '" + mode + "'");
    };
  }

  /** The test clock's controls, present only in test mode. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnProperty(name = "prazo.clock", havingValue = "test")
  static class TestClockControls {
    @Bean
    @ConditionalOnMissingBean(TimeAdvancer.class)
    TimeAdvancer jumpingTimeAdvancer(Clock clock) {
      TestClock testClock = (TestClock) clock;
      return target -> {
        testClock.moveTo(target);
        return testClock.instant();
      };
    }

    @Bean
    TestClockController testClockController(Clock clock, TimeAdvancer advancer) {
      return new TestClockController((TestClock) clock, advancer);
    }
  }
}
