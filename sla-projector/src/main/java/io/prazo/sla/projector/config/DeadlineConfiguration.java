package io.prazo.sla.projector.config;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import io.prazo.eventstore.Projections;
import io.prazo.sla.projector.deadline.ActionAttempts;
import io.prazo.sla.projector.deadline.ActionFirer;
import io.prazo.sla.projector.deadline.DeadlineScheduler;
import io.prazo.sla.projector.deadline.ProjectorStatus;
import io.prazo.sla.projector.deadline.ProjectorTimeAdvancer;
import io.prazo.sla.projector.deadline.SlaMetrics;
import io.prazo.sla.projector.deadline.SystemToken;
import io.prazo.sla.projector.deadline.TicketCommandClient;
import io.prazo.sla.projector.projection.TicketClockStore;
import io.prazo.web.clock.TestClock;
import io.prazo.web.clock.TimeAdvancer;
import io.prazo.web.security.DevTokenIssuer;
import java.net.URI;
import java.time.Clock;
import java.util.concurrent.atomic.AtomicInteger;
import org.axonframework.config.EventProcessingConfiguration;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.web.context.WebServerInitializedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.DependsOn;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Acting on due actions: the sender, its schedule, and in test mode the test clock's advancer that
 * steps through due instants.
 */
@Configuration(proxyBeanMethods = false)
public class DeadlineConfiguration {

  /** This JVM's web server port, for the standalone, where the projector calls its own server. */
  @Bean
  public LocalPort localPort() {
    return new LocalPort();
  }

  @Bean
  @DependsOn("slaSchema")
  public ActionAttempts actionAttempts(JdbcTemplate jdbc) {
    return new ActionAttempts(jdbc);
  }

  @Bean
  public ProjectorStatus projectorStatus(EventProcessingConfiguration processing) {
    return new ProjectorStatus(processing);
  }

  @Bean
  public TicketCommandClient ticketCommandClient(
      SlaProjectorProperties properties,
      LocalPort localPort,
      ObjectProvider<DevTokenIssuer> devIssuer,
      ObjectProvider<Tracer> tracer,
      ObjectProvider<Propagator> propagator) {
    DevTokenIssuer issuer = devIssuer.getIfAvailable();
    SystemToken token =
        issuer != null && properties.commandToken() == null
            ? SystemToken.issuedBy(issuer)
            : SystemToken.fixed(properties.commandToken());
    URI configured = properties.commandUrl();
    return new TicketCommandClient(
        () -> configured != null ? configured : localPort.uri(),
        token,
        tracer.getIfAvailable(() -> Tracer.NOOP),
        propagator.getIfAvailable(() -> Propagator.NOOP));
  }

  @Bean
  public SlaMetrics slaMetrics(MeterRegistry meters, TicketClockStore clocks, Clock clock) {
    SlaMetrics metrics = new SlaMetrics(meters);
    metrics.dueGauges(clock, clocks::unsettledDueCounts);
    return metrics;
  }

  @Bean
  public ActionFirer actionFirer(
      TicketClockStore clocks,
      ActionAttempts attempts,
      ProjectorStatus status,
      TicketCommandClient client,
      Clock clock,
      SlaProjectorProperties properties,
      SlaMetrics metrics,
      ObjectProvider<Tracer> tracer) {
    return new ActionFirer(
        clocks,
        attempts,
        status,
        client,
        clock,
        properties.maxRetryDelay(),
        metrics,
        tracer.getIfAvailable(() -> Tracer.NOOP));
  }

  @Bean
  public DeadlineScheduler deadlineScheduler(
      ActionFirer firer, SlaProjectorProperties properties, LocalPort localPort) {
    return new DeadlineScheduler(
        firer,
        properties.pollInterval(),
        () -> properties.commandUrl() != null || localPort.known());
  }

  @Bean
  @ConditionalOnProperty(name = "prazo.clock", havingValue = "test")
  public TimeAdvancer projectorTimeAdvancer(
      Clock clock, ActionFirer firer, Projections projections, SlaProjectorProperties properties) {
    return new ProjectorTimeAdvancer(
        (TestClock) clock, firer, projections, properties.advanceTimeout());
  }

  /** Learns the port the web server listens on. */
  public static final class LocalPort implements ApplicationListener<WebServerInitializedEvent> {
    private final AtomicInteger port = new AtomicInteger(-1);

    @Override
    public void onApplicationEvent(WebServerInitializedEvent event) {
      if (event.getApplicationContext().getServerNamespace() == null) {
        port.set(event.getWebServer().getPort());
      }
    }

    boolean known() {
      return port.get() > 0;
    }

    URI uri() {
      int p = port.get();
      if (p <= 0) {
        throw new IllegalStateException("the web server has not started yet");
      }
      return URI.create("http://127.0.0.1:" + p);
    }
  }
}
