package io.prazo.web;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The OpenAPI document's title and its bearer-token security scheme. */
@Configuration(proxyBeanMethods = false)
public class OpenApiConfiguration {

  @Bean
  @ConditionalOnMissingBean(OpenAPI.class)
  OpenAPI prazoOpenApi(@Value("${spring.application.name:prazo}") String application) {
    return new OpenAPI()
        .info(
            new Info()
                .title("Prazo (" + application + ")")
                .description(
                    "Event-sourced ticket lifecycle for support desks. Errors are"
                        + " application/problem+json (RFC 9457).")
                .version("v1"))
        .components(
            new Components()
                .addSecuritySchemes(
                    "bearer",
                    new SecurityScheme()
                        .type(SecurityScheme.Type.HTTP)
                        .scheme("bearer")
                        .bearerFormat("JWT")))
        .addSecurityItem(new SecurityRequirement().addList("bearer"));
  }
}
