package io.prazo.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.prazo.web.clock.ClockConfiguration;
import io.prazo.web.http.BodyLimitFilter;
import io.prazo.web.http.CorrelationFilter;
import io.prazo.web.http.ProblemErrorReportValve;
import io.prazo.web.problem.ProblemAdvice;
import io.prazo.web.problem.ProblemErrorController;
import io.prazo.web.problem.ProblemResponses;
import io.prazo.web.security.BearerTokens;
import io.prazo.web.security.CallerArgumentResolver;
import io.prazo.web.security.DevTokenController;
import io.prazo.web.security.DevTokenIssuer;
import io.prazo.web.security.HeaderRules;
import io.prazo.web.security.JwtRoles;
import io.prazo.web.security.PrazoSecurityProperties;
import io.prazo.web.security.ProblemAuthenticationHandlers;
import io.prazo.web.security.VerifiedTokenCache;
import java.util.List;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.startup.Tomcat;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.security.oauth2.resource.servlet.OAuth2ResourceServerAutoConfiguration;
import org.springframework.boot.autoconfigure.security.servlet.SecurityAutoConfiguration;
import org.springframework.boot.autoconfigure.web.servlet.error.ErrorMvcAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.PropertySource;
import org.springframework.core.Ordered;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.WebSecurityCustomizer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.util.unit.DataSize;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Everything a Prazo HTTP service shares: bearer-token security with Prazo's roles, problem+json
 * for every error, request body limits, correlation ids and the injectable clock.
 */
@AutoConfiguration(
    before = {
      OAuth2ResourceServerAutoConfiguration.class,
      SecurityAutoConfiguration.class,
      ErrorMvcAutoConfiguration.class
    })
@EnableConfigurationProperties(PrazoSecurityProperties.class)
@PropertySource("classpath:prazo/web-defaults.properties")
@Import({
  ClockConfiguration.class,
  OpenApiConfiguration.class,
  ProblemAdvice.class,
  ProblemErrorController.class
})
public class PrazoWebAutoConfiguration {

  @Bean
  ProblemResponses problemResponses(ObjectMapper mapper) {
    return new ProblemResponses(mapper);
  }

  @Bean
  ProblemAuthenticationHandlers problemAuthenticationHandlers(ProblemResponses problems) {
    return new ProblemAuthenticationHandlers(problems);
  }

  @Bean
  FilterRegistrationBean<CorrelationFilter> correlationFilter() {
    FilterRegistrationBean<CorrelationFilter> registration =
        new FilterRegistrationBean<>(new CorrelationFilter());
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
    return registration;
  }

  @Bean
  FilterRegistrationBean<BodyLimitFilter> bodyLimitFilter(
      @Value("${prazo.web.max-body-size:1MB}") DataSize limit, ProblemResponses problems) {
    FilterRegistrationBean<BodyLimitFilter> registration =
        new FilterRegistrationBean<>(new BodyLimitFilter(limit.toBytes(), problems));
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 1);
    return registration;
  }

  /** Tomcat's own error answers as problem+json too ({@link ProblemErrorReportValve}). */
  @Bean
  @ConditionalOnClass(Tomcat.class)
  WebServerFactoryCustomizer<TomcatServletWebServerFactory> problemErrorReports() {
    return factory ->
        factory.addContextCustomizers(
            context -> {
              if (context.getParent() instanceof StandardHost host) {
                host.setErrorReportValveClass(ProblemErrorReportValve.class.getName());
              }
            });
  }

  @Bean
  WebMvcConfigurer callerArgumentResolverConfigurer() {
    return new WebMvcConfigurer() {
      @Override
      public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
        resolvers.add(new CallerArgumentResolver());
      }
    };
  }

  /**
   * No Micrometer observation per security filter: it cost more than the request's own work. The
   * HTTP server observation still measures every request.
   */
  @Bean
  @ConditionalOnMissingBean
  SecurityObservationSettings securityObservationSettings() {
    return SecurityObservationSettings.noObservations();
  }

  /**
   * Security's path rules as plain path patterns, instead of asking Spring MVC's handler mappings
   * on every request.
   */
  @Bean
  @ConditionalOnMissingBean
  PathPatternRequestMatcher.Builder pathPatternRequestMatcherBuilder() {
    return PathPatternRequestMatcher.withDefaults();
  }

  @Bean
  WebSecurityCustomizer prazoFirewall() {
    return web -> web.httpFirewall(HeaderRules.firewall());
  }

  @Bean
  @ConditionalOnMissingBean(SecurityFilterChain.class)
  SecurityFilterChain prazoSecurityFilterChain(
      HttpSecurity http,
      ProblemAuthenticationHandlers handlers,
      PrazoSecurityProperties properties,
      JwtDecoder decoder)
      throws Exception {
    // A client sends the same token with every request: verify its signature once.
    JwtDecoder verifiedOnce =
        new VerifiedTokenCache(
            decoder, java.time.Clock.systemUTC(), 10_000, java.time.Duration.ofMinutes(10));
    JwtAuthenticationConverter converter = new JwtAuthenticationConverter();
    converter.setJwtGrantedAuthoritiesConverter(JwtRoles::authorities);
    http.csrf(csrf -> csrf.disable())
        .cors(Customizer.withDefaults())
        .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
        .authorizeHttpRequests(
            auth -> {
              auth.requestMatchers(
                      "/actuator/health",
                      "/actuator/health/**",
                      "/v3/api-docs",
                      "/v3/api-docs/**",
                      "/swagger-ui.html",
                      "/swagger-ui/**",
                      "/error",
                      "/dev/tokens")
                  .permitAll();
              if (properties.publicMetrics()) {
                auth.requestMatchers("/actuator/prometheus").permitAll();
              }
              auth.anyRequest().authenticated();
            })
        .oauth2ResourceServer(
            oauth ->
                oauth
                    .bearerTokenResolver(new BearerTokens())
                    .jwt(jwt -> jwt.decoder(verifiedOnce).jwtAuthenticationConverter(converter))
                    .authenticationEntryPoint(handlers)
                    .accessDeniedHandler(handlers))
        .exceptionHandling(e -> e.authenticationEntryPoint(handlers).accessDeniedHandler(handlers));
    return http.build();
  }

  /** The development issuer: its tokens are the only ones trusted while it is enabled. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnProperty(name = "prazo.security.dev-issuer.enabled", havingValue = "true")
  static class DevIssuerConfiguration {
    @Bean
    DevTokenIssuer devTokenIssuer(PrazoSecurityProperties properties) {
      return DevTokenIssuer.fromProperties(properties.devIssuer());
    }

    @Bean
    JwtDecoder jwtDecoder(DevTokenIssuer issuer) {
      return issuer.decoder();
    }

    @Bean
    DevTokenController devTokenController(DevTokenIssuer issuer) {
      return new DevTokenController(issuer);
    }
  }
}
