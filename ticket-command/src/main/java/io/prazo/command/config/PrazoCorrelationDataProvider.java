package io.prazo.command.config;

import io.prazo.events.MetadataKeys;
import java.util.HashMap;
import java.util.Map;
import org.axonframework.messaging.Message;
import org.axonframework.messaging.correlation.CorrelationDataProvider;

/**
 * Copies the acting principal and the correlation id from a command onto every event it causes, and
 * records the command's id as the events' causation id.
 */
public class PrazoCorrelationDataProvider implements CorrelationDataProvider {

  @Override
  public Map<String, ?> correlationDataFor(Message<?> message) {
    Map<String, Object> data = new HashMap<>();
    for (String key :
        new String[] {
          MetadataKeys.ACTOR_ID, MetadataKeys.ACTOR_ROLE, MetadataKeys.ACTOR_ORGANIZATION
        }) {
      Object value = message.getMetaData().get(key);
      if (value != null) {
        data.put(key, value);
      }
    }
    Object correlationId = message.getMetaData().get(MetadataKeys.CORRELATION_ID);
    data.put(
        MetadataKeys.CORRELATION_ID,
        correlationId != null ? correlationId : message.getIdentifier());
    data.put(MetadataKeys.CAUSATION_ID, message.getIdentifier());
    return data;
  }
}
